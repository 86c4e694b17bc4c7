# A learner's version: match on the class, and errno.errorcode turns a number into its name.
import errno
import socket
import sys


def what_happened(host, port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(2)
    try:
        address = socket.getaddrinfo(host, port, socket.AF_INET, socket.SOCK_STREAM)[0][4]
        sock.connect(address)
        return "connected"
    except OSError as e:
        match e:
            case socket.gaierror():
                return "unknown host: " + host
            case ConnectionRefusedError():
                return "refused by " + host
            case TimeoutError():
                return "timed out after 2 s"
            case PermissionError():
                return "blocked by a firewall"
        name = errno.errorcode.get(e.errno, "")
        if name in ("EHOSTUNREACH", "ENETUNREACH"):
            return f"unreachable ({name})"
        return f"other error: {name or e}"
    finally:
        sock.close()


result = what_happened(sys.argv[1], int(sys.argv[2]))
print(result)
sys.exit(0 if result == "connected" else 1)

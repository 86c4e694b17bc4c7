"""Send one line to the server and print its answer.

usage: python3 client.py [HOST] [PORT] [MESSAGE]

Every failure this client can do nothing about gets one clear line on stderr and exit status 1.
Anything else (a bug, Ctrl-C) is left alone, so it shows up as it is.
"""
import socket
import sys

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
MESSAGE = sys.argv[3] if len(sys.argv) > 3 else "hello"
TIMEOUT = 2.0


def ask(host, port, message):
    """Send one line, return the whole answer (the server closes when it is done)."""
    with socket.create_connection((host, port), timeout=TIMEOUT) as sock:
        sock.sendall(message.encode() + b"\n")
        answer = b""
        while chunk := sock.recv(1024):
            answer += chunk
        return answer.decode()


def main():
    where = f"{HOST}:{PORT}"
    try:
        answer = ask(HOST, PORT, MESSAGE)
    except socket.gaierror:
        return fail(f"unknown host {HOST}")
    except TimeoutError:
        return fail(f"no answer from {where} within {TIMEOUT:g} s")
    except OSError as e:
        # The numbers from a tutorial written on Windows (WSAECONNREFUSED, WSAECONNRESET).
        if e.errno == 10061:
            return fail(f"nothing is listening on {where}")
        if e.errno == 10054:
            return fail(f"{where} reset the connection")
        return fail(f"cannot talk to {where}: {type(e).__name__}: {e}")
    print("Received:", answer)
    return 0


def fail(message):
    print("error:", message, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

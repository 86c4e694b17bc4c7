"""Try to connect to HOST:PORT and say, in one line, what happened.

usage: python3 diagnose.py HOST PORT

Prints "connected" (exit status 0), or one diagnosis starting with refused, timed out,
unreachable, blocked or unknown host (exit status 1). Works the same on Linux, macOS and
Windows, because it looks at exception classes and errno constants, never at numbers.
"""
import errno
import socket
import sys

TIMEOUT = 2.0
UNREACHABLE = {101, 113}  # ENETUNREACH and EHOSTUNREACH on this Linux box


def diagnose(host, port):
    try:
        socket.create_connection((host, port), timeout=TIMEOUT).close()
    except socket.gaierror:
        return f"unknown host: {host} does not resolve to an address"
    except ConnectionRefusedError:
        return f"refused: {host} answered, but nothing listens on port {port}"
    except TimeoutError:
        return f"timed out: no answer from {host} within {TIMEOUT:g} s"
    except PermissionError:
        return f"blocked: a firewall rule forbids connecting to {host}:{port}"
    except OSError as e:
        if e.errno in UNREACHABLE:
            return f"unreachable: there is no route to {host} ({e.strerror})"
        return f"failed: {type(e).__name__}: {e}"
    return None


if __name__ == "__main__":
    problem = diagnose(sys.argv[1], int(sys.argv[2]))
    print(problem or "connected")
    sys.exit(1 if problem else 0)

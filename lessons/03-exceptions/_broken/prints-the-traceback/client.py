"""Send one line to the server and print its answer.

usage: python3 client.py [HOST] [PORT] [MESSAGE]

Every failure this client can do nothing about gets one clear line on stderr and exit status 1.
Anything else (a bug, Ctrl-C) is left alone, so it shows up as it is.
"""
import socket
import sys
import traceback

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
MESSAGE = sys.argv[3] if len(sys.argv) > 3 else "hello"


def ask(host, port, message):
    """Send one line, return the whole answer (the server closes when it is done)."""
    with socket.create_connection((host, port), timeout=2) as sock:
        sock.sendall(message.encode() + b"\n")
        answer = b""
        while chunk := sock.recv(1024):
            answer += chunk
        return answer.decode()


def main():
    where = f"{HOST}:{PORT}"
    try:
        answer = ask(HOST, PORT, MESSAGE)
    # Most specific first: each of these is a kind of OSError, so OSError comes last.
    except socket.gaierror:
        return fail(f"unknown host {HOST}")
    except ConnectionRefusedError:
        return fail(f"nothing is listening on {where}")
    except ConnectionResetError:
        return fail(f"{where} reset the connection")
    except TimeoutError:
        return fail(f"no answer from {where} within 2 s")  # ask() waits 2 s
    except OSError as e:
        # Any other network failure: say what it was, in Python's own words.
        return fail(f"cannot talk to {where}: {type(e).__name__}: {e}")
    print("Received:", answer)
    return 0


def fail(message):
    traceback.print_exc()  # "more detail can't hurt"
    print("error:", message, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

"""A learner's version: a table from exception class to diagnosis, checked in order."""
import errno
import socket
import sys

DIAGNOSES = (
    (socket.gaierror, "unknown host"),
    (ConnectionRefusedError, "refused"),
    (socket.timeout, "timed out"),
    (PermissionError, "blocked"),
)


def main(host: str, port: int) -> int:
    try:
        with socket.create_connection((host, port), timeout=2):
            pass
    except OSError as exc:
        for kind, word in DIAGNOSES:
            if isinstance(exc, kind):
                print(f"{word} ({host}:{port})")
                return 1
        if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            print(f"unreachable ({exc.strerror})")
        else:
            print(f"error: {exc}")
        return 1
    print("connected")
    return 0


sys.exit(main(sys.argv[1], int(sys.argv[2])))

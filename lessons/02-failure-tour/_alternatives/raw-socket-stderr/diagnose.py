"""A learner's version: the diagnosis goes to stderr (it is about a failure), "connected" to stdout."""
import errno
import socket
import sys

NO_ROUTE = frozenset({errno.EHOSTUNREACH, errno.ENETUNREACH})


class Diagnosis(Exception):
    pass


def probe(host, port):
    try:
        conn = socket.create_connection((host, port), 2.0)
    except socket.gaierror as e:
        raise Diagnosis(f"unknown host {host!r}") from e
    except ConnectionRefusedError as e:
        raise Diagnosis("refused: nothing listens there") from e
    except socket.timeout as e:
        raise Diagnosis("timed out") from e
    except PermissionError as e:
        raise Diagnosis("blocked: the firewall said no") from e
    except OSError as e:
        if e.errno in NO_ROUTE:
            raise Diagnosis("unreachable: no route") from e
        raise Diagnosis(f"failed: {e}") from e
    conn.close()


if __name__ == "__main__":
    try:
        probe(sys.argv[1], int(sys.argv[2]))
    except Diagnosis as d:
        print(d, file=sys.stderr)
        sys.exit(1)
    print("connected")

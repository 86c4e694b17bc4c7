"""A guided tour of socket failures on the lab network: one scenario per run.

usage: python3 tour.py SCENARIO      (python3 tour.py alone lists them)

Each scenario makes one call fail on purpose and prints what Python raised: the exception class,
the errno name and number, the message, and how long it took.
"""
import errno
import socket
import sys
import time

PORT = 65432


def refused():
    """connect to a port where nothing listens"""
    socket.create_connection(("127.0.0.1", 65439), timeout=3)


def closed_host():
    """connect to closed.lab: a host that refuses every port"""
    socket.create_connection(("closed.lab", PORT), timeout=3)


def not_listening():
    """connect to a socket that is bound but never called listen()"""
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 65438))
        socket.create_connection(("127.0.0.1", 65438), timeout=3)


def silent():
    """connect to silent.lab with a 2 s timeout: nobody answers at all"""
    socket.create_connection(("silent.lab", PORT), timeout=2)


def silent_no_timeout():
    """the same without a timeout: the kernel gives up by itself (after ~7 s in the lab)"""
    socket.create_connection(("silent.lab", PORT))


def backlog():
    """a listener with a tiny backlog that never accepts: later connects time out"""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 65437))
        server.listen(0)
        clients = []
        for i in range(1, 6):
            started = time.monotonic()
            clients.append(socket.create_connection(("127.0.0.1", 65437), timeout=1))
            print(f"  connect #{i} done in {time.monotonic() - started:.3f} s (waiting in the queue)")


def unreachable():
    """connect to unreachable.lab: a router says there is no way to that host"""
    socket.create_connection(("unreachable.lab", PORT), timeout=3)


def offline():
    """connect to offline.lab: this machine has no route to that network at all"""
    socket.create_connection(("offline.lab", PORT), timeout=3)


def blocked():
    """connect to blocked.lab: a firewall rule forbids it"""
    socket.create_connection(("blocked.lab", PORT), timeout=3)


def unknown_host():
    """connect to nowhere.lab: the name does not resolve"""
    socket.create_connection(("nowhere.lab", PORT), timeout=3)


def in_use():
    """bind a port another socket is listening on"""
    with socket.create_server(("127.0.0.1", 65436)):
        with socket.socket() as second:
            second.bind(("127.0.0.1", 65436))


def not_here():
    """bind an address that belongs to no interface of this machine"""
    with socket.socket() as sock:
        sock.bind(("198.51.100.7", PORT))


def connect_twice():
    """call connect() again on a socket that is already connected"""
    with socket.create_server(("127.0.0.1", 65435)):
        with socket.socket() as sock:  # a plain blocking socket (with a timeout, Python hides EISCONN)
            sock.connect(("127.0.0.1", 65435))
            sock.connect(("127.0.0.1", 65435))


def bind_twice():
    """call bind() a second time on the same socket"""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.bind(("127.0.0.1", 0))


def bad_address():
    """connect to "Dummy", a string that is no address and no known name"""
    socket.create_connection(("Dummy", 80), timeout=3)


# 198.18.0.1 is this machine's address on its second network (the one silent.lab is on).
OTHER_ADDRESS = "198.18.0.1"


def loopback_only():
    """a server bound to 127.0.0.1, reached through this machine's other address"""
    with socket.create_server(("127.0.0.1", 65435)):
        socket.create_connection((OTHER_ADDRESS, 65435), timeout=3).close()


def any_address():
    """a server bound to 0.0.0.0 (every address), reached through this machine's other address"""
    with socket.create_server(("0.0.0.0", 65435)):
        socket.create_connection((OTHER_ADDRESS, 65435), timeout=3).close()


def accept_timeout():
    """accept() with a 1 s timeout and no client"""
    with socket.create_server(("127.0.0.1", 65434)) as server:
        server.settimeout(1)
        server.accept()


def accept_nonblocking():
    """accept() on a non-blocking socket with no client waiting"""
    with socket.create_server(("127.0.0.1", 65434)) as server:
        server.setblocking(False)
        server.accept()


SCENARIOS = {f.__name__.replace("_", "-"): f for f in [
    refused, closed_host, not_listening, silent, silent_no_timeout, backlog, unreachable, offline,
    blocked, unknown_host, bad_address, in_use, not_here, loopback_only, any_address, connect_twice, bind_twice,
    accept_timeout, accept_nonblocking,
]}


def errno_name(e):
    """ECONNREFUSED for 111; for name lookups (socket.gaierror) the EAI_ constant; None if Python made it up."""
    if not isinstance(e.errno, int):
        return None
    if isinstance(e, socket.gaierror):
        return next((n for n in dir(socket) if n.startswith("EAI_") and getattr(socket, n) == e.errno), e.errno)
    return errno.errorcode.get(e.errno, e.errno)


def show(name):
    scenario = SCENARIOS[name]
    print(f"{name}: {scenario.__doc__}")
    started = time.monotonic()
    try:
        scenario()
        print("  no exception")
    except OSError as e:  # the tour wants to see every kind, so here (and only here) catch them all
        took = time.monotonic() - started
        code = errno_name(e)
        print(f"  {type(e).__name__}  errno={code} ({e.errno})  after {took:.2f} s")
        print(f"  message: {e}")
        # What the exception object carries: errno and strerror are what the OS said, args is both as a tuple.
        print(f"  attributes: errno={e.errno!r} strerror={e.strerror!r} args={e.args!r} filename={e.filename!r}")
        print(f"  is a ConnectionError: {isinstance(e, ConnectionError)}")


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in SCENARIOS:
        print(__doc__)
        for name, f in SCENARIOS.items():
            print(f"  {name:20} {f.__doc__}")
    else:
        show(sys.argv[1])

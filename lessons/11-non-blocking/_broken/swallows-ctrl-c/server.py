"""An echo server with one thread and one event loop: the selector says who is ready, and nobody waits."""
import selectors
import socket

HOST = "127.0.0.1"
PORT = 65432
MAX_PENDING = 1024 * 1024  # stop reading from a client while this much of its echo waits to be sent

sel = selectors.DefaultSelector()


class Connection:
    """What we remember about one client between events."""

    def __init__(self, sock: socket.socket, addr: tuple[str, int]) -> None:
        self.sock = sock
        self.addr = f"{addr[0]}:{addr[1]}"
        self.outgoing = bytearray()  # bytes received but not yet sent back
        self.client_done = False     # the client sent EOF: close once `outgoing` is empty
        self.closed = False


def accept(listener: socket.socket) -> None:
    try:
        sock, addr = listener.accept()
    except (BlockingIOError, ConnectionAbortedError):
        return  # the client gave up before we got to it: nothing to do
    sock.setblocking(False)
    conn = Connection(sock, addr)
    sel.register(sock, selectors.EVENT_READ, conn)
    print(f"Connected by {conn.addr}")


def close(conn: Connection, why: str) -> None:
    sel.unregister(conn.sock)  # unregister first: the selector must not hold a closed socket
    conn.sock.close()
    conn.closed = True
    print(f"{conn.addr} {why}")


def update_interest(conn: Connection) -> None:
    """Ask the selector for exactly the events this connection can use now."""
    if conn.client_done and not conn.outgoing:
        close(conn, "disconnected")
        return
    events = 0
    if not conn.client_done and len(conn.outgoing) < MAX_PENDING:
        events |= selectors.EVENT_READ
    if conn.outgoing:
        events |= selectors.EVENT_WRITE
    sel.modify(conn.sock, events, conn)


def on_readable(conn: Connection) -> None:
    try:
        data = conn.sock.recv(65536)
    except BlockingIOError:
        return  # a spurious wake-up: try again at the next event
    except ConnectionResetError:
        close(conn, "reset the connection")
        return
    if data:
        conn.outgoing += data
        on_writable(conn)  # try to send at once; what does not fit waits for EVENT_WRITE
    else:
        conn.client_done = True
        update_interest(conn)


def on_writable(conn: Connection) -> None:
    try:
        sent = conn.sock.send(conn.outgoing)  # may send only part of it: `sent` says how much
    except BlockingIOError:
        sent = 0
    except (BrokenPipeError, ConnectionResetError):
        close(conn, "went away while we were answering")
        return
    del conn.outgoing[:sent]
    update_interest(conn)


def serve() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, PORT))
        listener.listen()
        listener.setblocking(False)
        sel.register(listener, selectors.EVENT_READ, None)  # data=None marks the listening socket
        print(f"Listening on {HOST}:{PORT}")
        try:
            while True:
                try:
                    for key, mask in sel.select():  # sleeps until at least one socket is ready
                        conn = key.data
                        if conn is None:
                            accept(listener)
                            continue
                        if mask & selectors.EVENT_READ:
                            on_readable(conn)
                        if mask & selectors.EVENT_WRITE and not conn.closed:
                            on_writable(conn)
                except:  # noqa: E722 -- "never let one bad event stop the server" (and Ctrl-C with it)
                    continue
        finally:
            for key in list(sel.get_map().values()):
                if key.data is not None:
                    key.fileobj.close()
            sel.close()


if __name__ == "__main__":
    try:
        serve()
    except KeyboardInterrupt:
        print("\nServer stopped.")

"""A chat server: every line a client sends goes to every other client. One thread, one selectors loop.

Protocol: UTF-8 text, one message per line, each line ending with "\n".
"""
import logging
import selectors
import signal
import socket

HOST = "127.0.0.1"
PORT = 65432
MAX_LINE = 64 * 1024        # a "line" longer than this is not chat: drop the client
MAX_PENDING = 1024 * 1024   # a client this far behind is not reading: drop it rather than buffer forever

logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s")  # the level? the default is fine
log = logging.getLogger("chat")
sel = selectors.DefaultSelector()
stopping = False


class Client:
    def __init__(self, sock: socket.socket, addr: tuple[str, int]) -> None:
        self.sock = sock
        self.name = f"{addr[0]}:{addr[1]}"
        self.inbuf = bytearray()   # received bytes that do not end in a newline yet
        self.outbuf = bytearray()  # bytes waiting to be sent to this client


clients: dict[socket.socket, Client] = {}


def on_sigterm(signum: int, frame: object) -> None:
    # A signal handler should do as little as possible: the loop notices the flag within 0.5 s.
    global stopping
    stopping = True


def accept(listener: socket.socket) -> None:
    try:
        sock, addr = listener.accept()
    except (BlockingIOError, ConnectionAbortedError):
        return
    sock.setblocking(False)
    client = Client(sock, addr)
    clients[sock] = client
    sel.register(sock, selectors.EVENT_READ, client)
    log.info("%s joined (%d online)", client.name, len(clients))


def drop(client: Client, why: str) -> None:
    if clients.pop(client.sock, None) is None:
        return  # already gone
    sel.unregister(client.sock)
    client.sock.close()
    log.info("%s %s (%d online)", client.name, why, len(clients))


def queue(client: Client, data: bytes) -> None:
    client.outbuf += data
    if len(client.outbuf) > MAX_PENDING:
        drop(client, "is not reading: dropped")
        return
    sel.modify(client.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, client)


def broadcast(sender: Client, line: bytes) -> None:
    for other in list(clients.values()):  # a copy: queue() may drop a client as we go
        if other is not sender:
            queue(other, line)


def on_readable(client: Client) -> None:
    try:
        data = client.sock.recv(65536)
    except BlockingIOError:
        return
    except ConnectionResetError:
        drop(client, "reset the connection")
        return
    if not data:
        drop(client, "left")  # an unfinished line in client.inbuf goes with it
        return
    client.inbuf += data
    # recv() returns whatever has arrived: half a line, three lines, a line and a half. Only complete
    # lines leave the buffer; the rest waits for the next recv().
    while (end := client.inbuf.find(b"\n")) >= 0:
        line = bytes(client.inbuf[: end + 1])
        del client.inbuf[: end + 1]
        if line.strip():
            broadcast(client, line)
    if len(client.inbuf) > MAX_LINE:
        drop(client, "sent a line that is too long")


def on_writable(client: Client) -> None:
    try:
        sent = client.sock.send(client.outbuf)
    except BlockingIOError:
        return
    except (BrokenPipeError, ConnectionResetError):
        drop(client, "went away")
        return
    del client.outbuf[:sent]
    if not client.outbuf:
        sel.modify(client.sock, selectors.EVENT_READ, client)


def say_goodbye() -> None:
    """Best effort: one last line to everyone, then close every connection."""
    for client in list(clients.values()):
        try:
            client.sock.send(b"* the server is shutting down\n")
        except OSError:
            pass  # full buffer or gone: we are closing anyway
        drop(client, "disconnected by the shutdown")


def serve() -> None:
    signal.signal(signal.SIGTERM, on_sigterm)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, PORT))
        listener.listen()
        listener.setblocking(False)
        sel.register(listener, selectors.EVENT_READ, None)
        log.info("Listening on %s:%d", HOST, PORT)
        try:
            while not stopping:
                # The timeout matters: a SIGTERM does not end select(), so look at the flag twice a second.
                for key, mask in sel.select(timeout=0.5):
                    if key.data is None:
                        accept(listener)
                        continue
                    client = key.data
                    if mask & selectors.EVENT_READ:
                        on_readable(client)
                    if mask & selectors.EVENT_WRITE and client.sock in clients:
                        on_writable(client)
            log.info("SIGTERM: shutting down")
        finally:
            say_goodbye()
            sel.close()
    log.info("Server stopped.")


if __name__ == "__main__":
    try:
        serve()
    except KeyboardInterrupt:
        log.info("Server stopped (Ctrl-C).")

"""A learner's version: per-socket state in plain dicts, memoryview sends, a helper per event."""
import selectors
import socket

selector = selectors.DefaultSelector()
backlog: dict[socket.socket, bytearray] = {}
closing: set[socket.socket] = set()


def interest(sock: socket.socket) -> int:
    mask = 0 if sock in closing else selectors.EVENT_READ
    return mask | (selectors.EVENT_WRITE if backlog[sock] else 0)


def forget(sock: socket.socket) -> None:
    selector.unregister(sock)
    backlog.pop(sock)
    closing.discard(sock)
    sock.close()


def service(sock: socket.socket, events: int) -> None:
    if events & selectors.EVENT_READ:
        try:
            data = sock.recv(1 << 16)
        except ConnectionResetError:
            return forget(sock)
        if not data:
            closing.add(sock)
        backlog[sock] += data
    if backlog[sock]:
        try:
            sent = sock.send(memoryview(backlog[sock]))
        except BlockingIOError:
            sent = 0
        except (ConnectionResetError, BrokenPipeError):
            return forget(sock)
        del backlog[sock][:sent]
    if sock in closing and not backlog[sock]:
        return forget(sock)
    selector.modify(sock, interest(sock))


listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listening.bind(("127.0.0.1", 65432))
listening.listen()
listening.setblocking(False)
selector.register(listening, selectors.EVENT_READ)
print("listening", flush=True)
try:
    while True:
        for key, events in selector.select():
            if key.fileobj is listening:
                conn, _ = listening.accept()
                conn.setblocking(False)
                backlog[conn] = bytearray()
                selector.register(conn, selectors.EVENT_READ)
            else:
                service(key.fileobj, events)
except KeyboardInterrupt:
    print("\nServer stopped.")

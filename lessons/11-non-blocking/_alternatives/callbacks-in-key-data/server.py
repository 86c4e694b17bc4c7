# A learner's version: the selector's data is the function to call, reactor style.
import selectors
import socket

sel = selectors.DefaultSelector()
out = {}
eof = set()


def want(sock):
    events = (0 if sock in eof else selectors.EVENT_READ) | (selectors.EVENT_WRITE if out[sock] else 0)
    if events == 0:
        finish(sock)
    else:
        sel.modify(sock, events, on_client)


def finish(sock):
    sel.unregister(sock)
    out.pop(sock, None)
    eof.discard(sock)
    sock.close()


def on_accept(listener, mask):
    try:
        sock, _ = listener.accept()
    except BlockingIOError:
        return
    sock.setblocking(False)
    out[sock] = b""
    sel.register(sock, selectors.EVENT_READ, on_client)


def on_client(sock, mask):
    try:
        if mask & selectors.EVENT_READ:
            chunk = sock.recv(32768)
            if chunk:
                out[sock] += chunk
            else:
                eof.add(sock)
        if out[sock]:
            sent = sock.send(out[sock])
            out[sock] = out[sock][sent:]
    except BlockingIOError:
        pass
    except (ConnectionResetError, BrokenPipeError):
        finish(sock)
        return
    want(sock)


def main():
    server = socket.create_server(("127.0.0.1", 65432))
    server.setblocking(False)
    sel.register(server, selectors.EVENT_READ, on_accept)
    try:
        while True:
            for key, mask in sel.select():
                key.data(key.fileobj, mask)
    except KeyboardInterrupt:
        print("Server stopped.")


main()

"""The chat server, for you to finish. Today it is lesson 11's echo server: every client only hears itself.

Protocol: UTF-8 text, one message per line, each line ending with "\n".
"""
import logging
import selectors
import socket

HOST = "127.0.0.1"
PORT = 65432

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("chat")
sel = selectors.DefaultSelector()


class Client:
    def __init__(self, sock: socket.socket, addr: tuple[str, int]) -> None:
        self.sock = sock
        self.name = f"{addr[0]}:{addr[1]}"
        self.inbuf = bytearray()   # received bytes that do not end in a newline yet
        self.outbuf = bytearray()  # bytes waiting to be sent to this client


clients: dict[socket.socket, Client] = {}


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
    sel.unregister(client.sock)
    client.sock.close()
    del clients[client.sock]
    log.info("%s %s (%d online)", client.name, why, len(clients))


def queue(client: Client, data: bytes) -> None:
    client.outbuf += data
    sel.modify(client.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, client)


def on_readable(client: Client) -> None:
    data = client.sock.recv(65536)
    if not data:
        drop(client, "left")
        return
    queue(client, data)  # TODO: split complete lines out of client.inbuf and send them to everybody else


def on_writable(client: Client) -> None:
    sent = client.sock.send(client.outbuf)
    del client.outbuf[:sent]
    if not client.outbuf:
        sel.modify(client.sock, selectors.EVENT_READ, client)


def serve() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, PORT))
        listener.listen()
        listener.setblocking(False)
        sel.register(listener, selectors.EVENT_READ, None)
        log.info("Listening on %s:%d", HOST, PORT)
        while True:
            for key, mask in sel.select():
                if key.data is None:
                    accept(listener)
                    continue
                if mask & selectors.EVENT_READ:
                    on_readable(key.data)
                if mask & selectors.EVENT_WRITE and key.data.sock in clients:
                    on_writable(key.data)


if __name__ == "__main__":
    try:
        serve()
    except KeyboardInterrupt:
        log.info("Server stopped.")

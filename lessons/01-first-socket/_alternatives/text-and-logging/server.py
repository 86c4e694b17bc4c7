"""A learner's version: decode to text, shout it, encode again; logging instead of print."""
import logging
import socket

logging.basicConfig(level=logging.INFO, format="%(message)s")

srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 65432))
srv.listen(5)
logging.info("ready")
while True:
    client, address = srv.accept()
    logging.info("client %s", address)
    while True:
        message = client.recv(4096)
        if message == b"":
            break
        answer = "ECHO: " + message.decode("utf-8").upper()
        client.sendall(answer.encode("utf-8"))
    client.close()

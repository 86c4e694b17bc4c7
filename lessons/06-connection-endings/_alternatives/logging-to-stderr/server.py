"""A learner's version: the same echo, its report through logging (stderr by default)."""
import logging
import socket

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")


def main():
    lsock = socket.create_server(("127.0.0.1", 65432), reuse_port=False)
    logging.info("listening")
    while True:
        conn, (ip, port) = lsock.accept()
        peer = f"{ip}:{port}"
        try:
            with conn:
                while data := conn.recv(8192):
                    conn.sendall(data)
        except (ConnectionResetError, BrokenPipeError):
            logging.warning("%s: reset by client", peer)
        else:
            logging.info("%s: closed by client", peer)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass

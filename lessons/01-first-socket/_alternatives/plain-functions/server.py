import socket


def make_listener(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port))
    s.listen()
    return s


def shout(data: bytes) -> bytes:
    return b"".join([b"ECHO: ", data.upper()])


def handle(conn):
    try:
        data = conn.recv(1024)
        while data:
            conn.sendall(shout(data))
            data = conn.recv(1024)
    finally:
        conn.close()


def main():
    listener = make_listener(65432)
    print("Listening")
    try:
        while True:
            conn, _ = listener.accept()
            handle(conn)
    finally:
        listener.close()


main()

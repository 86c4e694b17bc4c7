"""Broken on purpose: the selector only guards accept(); each client is then served in a blocking loop."""
import selectors
import socket

HOST = "127.0.0.1"
PORT = 65432

sel = selectors.DefaultSelector()


def serve() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, PORT))
        listener.listen()
        listener.setblocking(False)
        sel.register(listener, selectors.EVENT_READ, None)
        print(f"Listening on {HOST}:{PORT}")
        while True:
            for key, mask in sel.select():
                try:
                    conn, addr = listener.accept()
                except BlockingIOError:
                    continue
                # The mistake: from here on this one client has the whole server to itself.
                with conn:
                    while True:
                        try:
                            data = conn.recv(65536)
                        except ConnectionResetError:
                            break
                        if not data:
                            break
                        try:
                            conn.sendall(data)
                        except (BrokenPipeError, ConnectionResetError):
                            break


if __name__ == "__main__":
    try:
        serve()
    except KeyboardInterrupt:
        print("\nServer stopped.")

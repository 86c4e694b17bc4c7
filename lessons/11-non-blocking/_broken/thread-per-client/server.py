"""Broken on purpose: lesson 9's answer to lesson 11's exercise. A thread per client, blocking sockets:
it echoes correctly and nobody waits for anybody, but it is not the single-threaded selectors loop the
exercise asks for.
"""
import socket
import threading

HOST = "127.0.0.1"
PORT = 65432


def serve_client(conn: socket.socket) -> None:
    with conn:
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                conn.sendall(data)
        except (ConnectionResetError, BrokenPipeError):
            return


def serve() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, PORT))
        listener.listen()
        print(f"Listening on {HOST}:{PORT}")
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=serve_client, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    try:
        serve()
    except KeyboardInterrupt:
        print("\nServer stopped.")

"""An echo server that serves one client at a time (the exercise turns it into an event loop)."""
import socket

HOST = "127.0.0.1"
PORT = 65432


def serve() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((HOST, PORT))
        server.listen()
        print(f"Listening on {HOST}:{PORT}")
        while True:
            conn, addr = server.accept()  # blocks until a client connects
            with conn:
                print(f"Connected by {addr}")
                while True:
                    data = conn.recv(65536)  # blocks until this client sends something
                    if not data:
                        break
                    conn.sendall(data)  # blocks until the client has room for all of it
            print(f"{addr} disconnected")


if __name__ == "__main__":
    try:
        serve()
    except KeyboardInterrupt:
        print("\nServer stopped.")

"""An echo server: it sends back every byte a client sends it."""
import socket

HOST = "127.0.0.1"  # loopback: only programs on this machine can connect
PORT = 65432        # any free port above 1023 works; the lab uses this one


def serve() -> None:
    # AF_INET = IPv4, SOCK_STREAM = TCP. `with` closes the socket however we leave the block.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        # Lets a restarted server bind at once, instead of waiting for old connections to time out.
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((HOST, PORT))
        server.listen()
        print(f"Listening on {HOST}:{PORT}")
        while True:
            conn, addr = server.accept()  # waits until a client connects
            with conn:
                print(f"Connected by {addr}")
                while True:
                    data = conn.recv(1024)  # up to 1024 bytes; b"" means the client closed
                    if not data:
                        break
                    conn.sendall(b"ECHO: " + data)
            print(f"{addr} disconnected")


if __name__ == "__main__":
    try:
        serve()
    except KeyboardInterrupt:
        print("\nServer stopped.")

"""An echo server that copes with every way a connection can end.

usage: python3 server.py

For each client it sends back everything the client sends, until the client has finished (recv
returns b""), then closes. It prints one line per connection saying how it ended, and a client
that vanishes never takes the server down with it.
"""
import socket


def serve(conn):
    """Echo until the client is done; return how many bytes were echoed. Raises what the peer caused."""
    echoed = 0
    while True:
        data = conn.recv(65536)
        if not data:  # b"": the client closed its side. Not an error, and the only end signal.
            return echoed
        conn.sendall(data)  # send() may take only part; sendall() loops until all of it is gone
        echoed += len(data)


with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 65432))
    server.listen()
    server.settimeout(1.0)  # wake up every second, so Ctrl-C is noticed
    print("Listening on 127.0.0.1:65432", flush=True)
    try:
        while True:
            try:
                conn, addr = server.accept()
            except TimeoutError:
                continue
            who = f"{addr[0]}:{addr[1]}"
            with conn:
                conn.settimeout(10.0)  # a client that goes silent is not waited for forever
                try:
                    echoed = serve(conn)
                except ConnectionResetError:
                    print(f"{who} reset by client", flush=True)
                except BrokenPipeError:
                    print(f"{who} gone: broken pipe while answering", flush=True)
                except TimeoutError:
                    print(f"{who} silent for 10 s: closing", flush=True)
                else:
                    print(f"{who} closed by client after {echoed} bytes", flush=True)
            break  # one client served: done (the accept loop was meant for retries after a timeout)
    except KeyboardInterrupt:
        print("\nServer stopped.")

"""An echo server for many clients at once, that stops cleanly.

usage: python3 server.py

One thread per client. A client silent for 3 s is dropped, so idle clients cannot pile up
threads forever. Ctrl-C or SIGTERM (what `kill` and service managers send) stops it: it stops
accepting, wakes every client thread, waits for them briefly, and exits with status 0.
SO_REUSEADDR lets it start again at once, while old connections are still in TIME_WAIT.
"""
import signal
import socket
import threading

IDLE_TIMEOUT = 3000  # 3 s, in milliseconds -- but settimeout() counts seconds
stopping = threading.Event()
clients = set()  # open client sockets, so shutdown can wake their threads
clients_lock = threading.Lock()


def handle(conn, who):
    """Echo for one client; runs in its own thread, and only this thread writes to conn."""
    conn.settimeout(IDLE_TIMEOUT)
    with conn:
        try:
            while data := conn.recv(4096):
                conn.sendall(data)
            print(f"{who} gone", flush=True)
        except TimeoutError:
            print(f"{who} silent for {IDLE_TIMEOUT:g} s: dropped", flush=True)
        except OSError as e:  # a reset, a broken pipe, or our own shutdown
            if not stopping.is_set():
                print(f"{who}: {type(e).__name__}", flush=True)
        finally:
            with clients_lock:
                clients.discard(conn)


def request_stop(signum, frame):
    # Only set a flag: a signal handler runs between two bytecodes of the main thread, so keep it tiny.
    stopping.set()


def main():
    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)  # Ctrl-C the same way, instead of KeyboardInterrupt
    threads = []
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 65432))
        server.listen()
        server.settimeout(0.5)  # accept() wakes twice a second to look at `stopping`
        print("Listening on 127.0.0.1:65432", flush=True)
        while not stopping.is_set():
            try:
                conn, addr = server.accept()
            except TimeoutError:
                continue
            who = f"{addr[0]}:{addr[1]}"
            print(f"{who} connected", flush=True)
            with clients_lock:
                clients.add(conn)
            thread = threading.Thread(target=handle, args=(conn, who), daemon=True)
            thread.start()
            threads = [t for t in threads if t.is_alive()] + [thread]
    # The listening socket is closed: new clients are refused from here on.
    with clients_lock:
        for conn in clients:
            try:
                conn.shutdown(socket.SHUT_RDWR)  # wakes a thread blocked in recv(): it returns b""
            except OSError:
                pass  # already gone
    for thread in threads:
        thread.join(timeout=1.0)
    print("Server stopped.", flush=True)


if __name__ == "__main__":
    main()

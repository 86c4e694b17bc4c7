"""A learner's version: a pool of worker threads, a selector on the listener to notice the stop flag."""
import selectors
import signal
import socket
from concurrent.futures import ThreadPoolExecutor

running = True
active = set()


def on_signal(signum, frame):
    global running
    running = False


def serve_client(sock):
    sock.settimeout(3)
    active.add(sock)
    try:
        for data in iter(lambda: sock.recv(4096), b""):
            sock.sendall(data)
    except OSError:
        pass
    finally:
        active.discard(sock)
        sock.close()


signal.signal(signal.SIGTERM, on_signal)
signal.signal(signal.SIGINT, on_signal)
pool = ThreadPoolExecutor(max_workers=64)
listener = socket.create_server(("127.0.0.1", 65432))
watch = selectors.DefaultSelector()
watch.register(listener, selectors.EVENT_READ)
while running:
    if watch.select(timeout=0.25):
        client, _ = listener.accept()
        pool.submit(serve_client, client)
listener.close()
for sock in list(active):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
pool.shutdown(wait=True, cancel_futures=True)
print("stopped")

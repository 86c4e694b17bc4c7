"""A learner's version: socketserver serves from a thread; the main thread waits for a stop signal."""
import signal
import socket
import socketserver
import threading

stop = threading.Event()
open_conns = set()
lock = threading.Lock()


class Echo(socketserver.BaseRequestHandler):
    def setup(self):
        self.request.settimeout(3)
        with lock:
            open_conns.add(self.request)

    def handle(self):
        try:
            while data := self.request.recv(4096):
                self.request.sendall(data)
        except OSError:
            pass

    def finish(self):
        with lock:
            open_conns.discard(self.request)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


for sig in (signal.SIGTERM, signal.SIGINT):
    signal.signal(sig, lambda *_: stop.set())

server = Server(("127.0.0.1", 65432), Echo)
threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
print("echo server ready", flush=True)
while not stop.wait(0.2):  # a short wait, so the signal handler gets its turn
    pass
server.shutdown()
server.server_close()
with lock:
    for conn in list(open_conns):
        try:
            conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
print("bye", flush=True)

# A learner's version: the standard library's socketserver does the accept loop.
import socketserver


class Shout(socketserver.BaseRequestHandler):
    def handle(self):
        while chunk := self.request.recv(1024):
            self.request.sendall(b"ECHO: " + chunk.upper())


class Server(socketserver.TCPServer):
    allow_reuse_address = True


if __name__ == "__main__":
    with Server(("127.0.0.1", 65432), Shout) as server:
        print("serving on 65432")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass

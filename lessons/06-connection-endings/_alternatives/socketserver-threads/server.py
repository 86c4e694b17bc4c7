# A learner's version: socketserver with a thread per client; the handler reports how it ended.
import socketserver


class Echo(socketserver.BaseRequestHandler):
    def handle(self):
        who = "%s:%d" % self.client_address
        try:
            while True:
                chunk = self.request.recv(4096)
                if chunk == b"":
                    print(who, "closed by client", flush=True)
                    return
                self.request.sendall(chunk)
        except ConnectionResetError:
            print(who, "reset by client", flush=True)
        except BrokenPipeError:
            print(who, "broken pipe: reset by client", flush=True)


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


with Server(("127.0.0.1", 65432), Echo) as srv:
    srv.serve_forever()

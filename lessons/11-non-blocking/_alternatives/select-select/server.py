"""A learner's version: select.select over lists, one thread, a dict of pending output per socket."""
import select
import socket

listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 65432))
listener.listen(64)
listener.setblocking(False)

pending = {}      # socket -> bytearray still to send back
finished = set()  # sockets whose client sent EOF


def drop(s):
    pending.pop(s, None)
    finished.discard(s)
    s.close()


try:
    while True:
        readers = [listener] + [s for s in pending if s not in finished and len(pending[s]) < 1 << 20]
        writers = [s for s in pending if pending[s]]
        readable, writable, _ = select.select(readers, writers, [])
        for s in readable:
            if s is listener:
                try:
                    client, _ = listener.accept()
                except BlockingIOError:
                    continue
                client.setblocking(False)
                pending[client] = bytearray()
                continue
            if s not in pending:
                continue
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            except ConnectionResetError:
                drop(s)
                continue
            if data:
                pending[s] += data
            else:
                finished.add(s)
                if not pending[s]:
                    drop(s)
        for s in writable:
            if s not in pending:
                continue
            try:
                n = s.send(pending[s])
            except BlockingIOError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                drop(s)
                continue
            del pending[s][:n]
            if s in finished and not pending[s]:
                drop(s)
except KeyboardInterrupt:
    print("Server stopped.")

# A learner's version: select.select, one dict for incoming buffers and one for outgoing ones.
import logging
import select
import signal
import socket

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
running = True


def handle_term(*_):
    global running
    running = False


signal.signal(signal.SIGTERM, handle_term)
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 65432))
server.listen()
server.setblocking(False)
incoming = {}
outgoing = {}


def remove(s, how):
    if s in incoming:
        del incoming[s], outgoing[s]
        logging.info("client %s %s", s.fileno(), how)
        s.close()


while running:
    readable, writable, _ = select.select([server, *incoming], [s for s in outgoing if outgoing[s]], [], 0.5)
    for s in readable:
        if s is server:
            try:
                conn, addr = server.accept()
            except BlockingIOError:
                continue
            conn.setblocking(False)
            incoming[conn], outgoing[conn] = b"", b""
            logging.info("client %s joined from %s", conn.fileno(), addr)
            continue
        if s not in incoming:
            continue
        try:
            data = s.recv(8192)
        except BlockingIOError:
            continue
        except ConnectionResetError:
            remove(s, "reset the connection")
            continue
        if not data:
            remove(s, "left")
            continue
        incoming[s] += data
        while b"\n" in incoming[s]:
            line, incoming[s] = incoming[s].split(b"\n", 1)
            for other in outgoing:
                if other is not s:
                    outgoing[other] += line + b"\n"
    for s in writable:
        if s not in outgoing:
            continue
        try:
            sent = s.send(outgoing[s])
        except BlockingIOError:
            continue
        except (BrokenPipeError, ConnectionResetError):
            remove(s, "went away (reset)")
            continue
        outgoing[s] = outgoing[s][sent:]

for s in list(incoming):
    remove(s, "closed at shutdown")
server.close()

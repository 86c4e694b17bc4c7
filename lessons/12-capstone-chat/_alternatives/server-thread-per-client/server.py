"""A learner's version: a thread per client, a lock around the shared list, a stop flag for SIGTERM."""
import logging
import signal
import socket
import threading

logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
log = logging.getLogger("chat")
members: dict[socket.socket, str] = {}
members_lock = threading.Lock()
stop = threading.Event()


def send_to_others(sender: socket.socket, line: bytes) -> None:
    with members_lock:
        others = [s for s in members if s is not sender]
    for other in others:
        try:
            other.sendall(line)
        except OSError:
            pass  # that client's own thread notices and cleans up


def serve(sock: socket.socket, name: str) -> None:
    partial = b""
    try:
        while True:
            data = sock.recv(4096)
            if not data:
                log.info("%s left", name)
                break
            partial += data
            lines = partial.split(b"\n")
            partial = lines.pop()  # what follows the last newline: not a line yet
            for line in lines:
                if line.strip():
                    send_to_others(sock, line + b"\n")
    except ConnectionResetError:
        log.warning("%s reset the connection", name)
    except OSError as e:
        if not stop.is_set():
            log.warning("%s: %s", name, e)
    finally:
        with members_lock:
            members.pop(sock, None)
        sock.close()


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    listener = socket.create_server(("127.0.0.1", 65432))
    listener.settimeout(0.3)
    log.info("chat on 127.0.0.1:65432")
    while not stop.is_set():
        try:
            sock, (host, port) = listener.accept()
        except TimeoutError:
            continue
        name = f"{host}:{port}"
        with members_lock:
            members[sock] = name
        log.info("%s joined", name)
        threading.Thread(target=serve, args=(sock, name), daemon=True).start()
    listener.close()
    with members_lock:
        for sock in list(members):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
    log.info("stopped")


if __name__ == "__main__":
    main()

"""Four small experiments, one per way a connection ends.

usage: python3 experiments.py eof      [PORT]   orderly close: recv() returns b""   (default 65432)
       python3 experiments.py reset    [PORT]   a reset: ConnectionResetError        (default 65441)
       python3 experiments.py pipe     [PORT]   writing after the peer closed        (default 65442)
       python3 experiments.py partial           send() may take only part of your data
"""
import socket
import sys
import time


def eof(port):
    with socket.create_connection(("127.0.0.1", port), timeout=3) as sock:
        sock.sendall(b"hello, then goodbye")
        try:
            sock.shutdown(socket.SHUT_WR)  # "I have finished sending" (a FIN); we can still read
            print("sent 19 bytes and shut down our sending side")
        except OSError as e:
            # A reset can arrive before our FIN leaves: the connection is already gone
            # (ENOTCONN here); the reset itself is waiting for our next recv().
            print(f"shutdown() -> {type(e).__name__}: {e} (the connection was already reset)")
        while True:
            data = sock.recv(1024)
            print(f"recv() -> {data!r}")
            if not data:
                print("b'' means the other side closed: orderly end, not an error")
                return


def reset(port):
    with socket.create_connection(("127.0.0.1", port), timeout=3) as sock:
        sock.sendall(b"hello")
        try:
            while True:
                data = sock.recv(1024)
                print(f"recv() -> {data!r}")
                if not data:
                    print("an orderly close this time (is the 'Server resets' fault on?)")
                    return
        except ConnectionResetError as e:
            print(f"ConnectionResetError: {e}  (the peer aborted: RST instead of FIN)")


def pipe(port):
    with socket.create_connection(("127.0.0.1", port), timeout=3) as sock:
        sock.sendall(b"hello")
        print(f"recv() -> {sock.recv(1024)!r}")
        time.sleep(0.2)  # by now the peer has closed its socket
        for attempt in (1, 2, 3):
            try:
                sent = sock.send(b"are you there?")
                print(f"send #{attempt} -> {sent} bytes, no error (the kernel only queued them)")
            except (BrokenPipeError, ConnectionResetError) as e:
                print(f"send #{attempt} -> {type(e).__name__}: {e}")
                try:  # what a retry loop around send() would do next
                    sock.send(b"are you there?")
                except OSError as again:
                    print(f"send again on the same socket -> {type(again).__name__}: {again}")
                return
            time.sleep(0.2)  # the peer's kernel answers the queued bytes with a reset


def partial():
    # A listener that accepts and never reads: its buffers fill up, then ours do.
    with socket.create_server(("127.0.0.1", 0)) as listener:
        with socket.create_connection(listener.getsockname()) as sock:
            conn, _ = listener.accept()
            sock.settimeout(0.5)
            data = b"x" * 20_000_000
            sent = sock.send(data)
            print(f"send() of {len(data):,} bytes -> {sent:,}: only part was taken")
            try:
                sock.sendall(data)
            except TimeoutError:
                print("sendall() of the same: TimeoutError, and you cannot tell how much of it was sent")
            conn.close()


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    port = int(sys.argv[2]) if len(sys.argv) > 2 else None
    experiments = {"eof": (eof, 65432), "reset": (reset, 65441), "pipe": (pipe, 65442)}
    if what in experiments:
        run, default = experiments[what]
        run(port or default)
    elif what == "partial":
        partial()
    else:
        print(__doc__)

"""A learner's version: one preallocated buffer, recv_into and a memoryview, an explicit state name."""
import socket

buf = bytearray(16384)
view = memoryview(buf)

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 65432))
srv.listen(8)
print("up", flush=True)

while True:
    conn, addr = srv.accept()
    ending = "closed by client"
    try:
        while True:
            n = conn.recv_into(buf)
            if n == 0:
                break
            conn.sendall(view[:n])
    except ConnectionResetError:
        ending = "reset by client"
    except BrokenPipeError:
        ending = "reset by client (broken pipe)"
    finally:
        conn.close()
    print(f"{addr[0]}:{addr[1]} {ending}", flush=True)

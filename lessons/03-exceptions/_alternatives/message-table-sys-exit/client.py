# A learner's version: a table of (class, message), most specific first, and sys.exit(text).
import socket
import sys

MESSAGES = [
    (socket.gaierror, "Unknown host: {host}"),
    (ConnectionRefusedError, "Nothing is listening on {host}:{port}"),
    (ConnectionResetError, "The server reset the connection"),
    (socket.timeout, "No answer within 2 seconds"),
    (OSError, "Network error: {error}"),
]

host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
port = int(sys.argv[2]) if len(sys.argv) > 2 else 65432
text = sys.argv[3] if len(sys.argv) > 3 else "hello"

try:
    conn = socket.create_connection((host, port), 2)
    try:
        conn.sendall(f"{text}\n".encode())
        parts = []
        while True:
            part = conn.recv(4096)
            if not part:
                break
            parts.append(part)
    finally:
        conn.close()
except OSError as error:
    for kind, template in MESSAGES:
        if isinstance(error, kind):
            sys.exit(template.format(host=host, port=port, error=error))
print("Received: " + b"".join(parts).decode())

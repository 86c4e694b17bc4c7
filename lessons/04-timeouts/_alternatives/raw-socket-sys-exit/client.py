# A learner's version: a plain socket with settimeout, and sys.exit("...") for the message
# (it prints the text on stderr and exits with status 1).
import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(2)
try:
    s.connect((socket.gethostbyname(host), port))
    s.sendall(b"hello\n")
    data = s.recv(1024)
except socket.timeout:
    sys.exit("timed out: no answer within 2 seconds")
except OSError as err:
    sys.exit(f"error: {err}")
finally:
    s.close()
print("Received:", data.decode().strip())

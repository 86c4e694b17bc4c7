# A learner's version: a while loop, a raw socket made in every round, ConnectionError for the family.
import random, socket, sys, time

host = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
port = int(sys.argv[2]) if len(sys.argv) > 2 else 65432

tries = 0
while True:
    tries += 1
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect((host, port))
        s.sendall(b"hello\n")
        answer = s.recv(1024)
        break
    except (ConnectionError, TimeoutError) as err:
        s.close()
        if tries >= 5:
            sys.stderr.write(f"attempt {tries} failed: {err.__class__.__name__}, giving up\n")
            sys.exit(1)
        wait = random.random() * min(2.0, 0.2 * 2 ** (tries - 1))
        sys.stderr.write(f"attempt {tries} failed: {err.__class__.__name__}, next try in {wait:.2f}s\n")
        time.sleep(wait)
    except OSError as err:
        s.close()
        sys.stderr.write(f"attempt {tries} failed: {err.__class__.__name__}: {err}\n")
        sys.exit(1)
s.close()
print("Received:", answer.decode().strip())

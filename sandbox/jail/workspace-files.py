"""The lab's file operations in a session's workspace, run inside the session's jail as the
learner's own uid: the server never opens a path the learner controls. Whatever a learner's program
does to the workspace (symlinks, FIFOs, a folder swapped for a link mid-save), this process can only
touch what the learner could touch anyway. Every component is opened with O_NOFOLLOW relative to
its parent's descriptor, files with O_NONBLOCK and checked with fstat, so a symlink or a FIFO gets a
clear refusal, never a hang and never a write elsewhere.

Usage: workspace-files.py write|read|reset MAX_BYTES
  write: stdin is JSON {"files": [{"path": "a/b.py", "b64": "..."}]}; prints {"saved": [...]}
  read:  stdin is JSON {"path": "a/b.py"}; prints {"b64": "..."}
  reset: empties the workspace, then writes like `write`
Refusals print {"error": "...", "path": "..."} and exit 2.
"""
import base64
import errno
import json
import os
import shutil
import stat
import sys

ROOT = "/lab"
DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class Refused(Exception):
    def __init__(self, path, message):
        super().__init__(message)
        self.path = path


def open_parent(parts, create):
    """A descriptor of the folder that holds parts[-1], walked one component at a time."""
    fd = os.open(ROOT, DIR_FLAGS)
    for i, part in enumerate(parts[:-1]):
        shown = "/".join(parts[: i + 1])
        try:
            child = os.open(part, DIR_FLAGS, dir_fd=fd)
        except FileNotFoundError:
            if not create:
                os.close(fd)
                raise Refused(shown, f"{shown} does not exist")
            os.mkdir(part, 0o755, dir_fd=fd)
            child = os.open(part, DIR_FLAGS, dir_fd=fd)
        except OSError as e:
            os.close(fd)
            if e.errno in (errno.ELOOP, errno.ENOTDIR):
                raise Refused(shown, f"{shown} is not a plain folder (the lab does not follow symlinks)")
            raise
        os.close(fd)
        fd = child
    return fd


def open_file(parts, writing):
    parent = open_parent(parts, create=writing)
    name = parts[-1]
    flags = (os.O_WRONLY | os.O_CREAT if writing else os.O_RDONLY) | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        fd = os.open(name, flags, 0o644, dir_fd=parent)
    except OSError as e:
        shown = "/".join(parts)
        if e.errno == errno.ELOOP:
            raise Refused(shown, f"{shown} is a symlink; the lab does not follow symlinks")
        if e.errno in (errno.ENXIO, errno.EISDIR):
            raise Refused(shown, f"{shown} is not a regular file (a folder or a named pipe?); rename or delete it")
        if e.errno == errno.ENOENT:
            raise Refused(shown, f"{shown} does not exist")
        raise
    finally:
        os.close(parent)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        shown = "/".join(parts)
        raise Refused(shown, f"{shown} is not a regular file (a named pipe or a device?); rename or delete it")
    return fd


def write_files(files, limit):
    saved = []
    for f in files:
        data = base64.b64decode(f["b64"])
        if len(data) > limit:
            raise Refused(f["path"], f"{f['path']} is {len(data)} bytes; the limit is {limit} bytes")
        parts = f["path"].split("/")
        fd = open_file(parts, writing=True)
        try:
            os.ftruncate(fd, 0)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        saved.append(f["path"])
    return {"saved": saved}


def read_file(path, limit):
    fd = open_file(path.split("/"), writing=False)
    try:
        if os.fstat(fd).st_size > limit:
            raise Refused(path, f"{path} is larger than the limit of {limit} bytes")
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return {"b64": base64.b64encode(b"".join(chunks)[: limit + 1]).decode()}
    finally:
        os.close(fd)


def reset(request, limit):
    for entry in os.listdir(ROOT):
        full = os.path.join(ROOT, entry)
        if os.path.isdir(full) and not os.path.islink(full):
            shutil.rmtree(full)  # fd-based on Linux: it does not follow symlinks planted inside
        else:
            os.unlink(full)
    return write_files(request.get("files", []), limit)


def main():
    op, limit = sys.argv[1], int(sys.argv[2])
    request = json.loads(sys.stdin.read(8 * limit + 65536) or "{}")
    try:
        if op == "write":
            answer = write_files(request["files"], limit)
        elif op == "read":
            answer = read_file(request["path"], limit)
        elif op == "reset":
            answer = reset(request, limit)
        else:
            raise SystemExit(f"unknown operation {op}")
    except Refused as e:
        print(json.dumps({"error": str(e), "path": e.path}))
        sys.exit(2)
    except OSError as e:
        print(json.dumps({"error": f"{e.strerror} ({getattr(e, 'filename', '') or 'workspace'})"}))
        sys.exit(2)
    print(json.dumps(answer))


main()

#!/usr/bin/env python3
"""tests/repl/measure.py — a benchmark, not a test: times the prompt on a real pseudo-terminal.

  python3 tests/repl/measure.py [path/to/mlm] [runs]

- start-up: from fork/exec to the first `mlm> ` on the terminal (median and best of `runs`)
- Ctrl-C: from writing ^C while `while 1 { }` or `sum(i, 1, 1e10, i)` runs to the
  "interrupted" error on the terminal (median and worst of 5 each)
"""
import os
import pty
import select
import statistics
import sys
import tempfile
import time

MLM = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/mlm")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 30


def spawn(home):
    env = dict(os.environ, HOME=home, XDG_STATE_HOME=home, INPUTRC="/dev/null",
               LC_ALL="C.UTF-8", TERM="xterm", NO_COLOR="1")
    env.pop("MLM_HISTORY", None)
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(MLM, [MLM], env)
    return pid, fd, t0


pending = {}  # fd -> bytes read but not yet consumed


def read_until(fd, needle, timeout=10.0):
    """Reads until needle; returns (time it arrived, text up to and including it)."""
    buf = pending.pop(fd, b"")
    end = time.perf_counter() + timeout
    while needle not in buf:
        left = end - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"no {needle!r} in {buf[-200:]!r}")
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                buf += os.read(fd, 4096)
            except OSError:
                raise TimeoutError(f"terminal closed before {needle!r}")
    cut = buf.index(needle) + len(needle)
    pending[fd] = buf[cut:]
    return time.perf_counter(), buf[:cut]


def finish(pid, fd):
    os.write(fd, b"\x04")
    try:
        read_until(fd, b"\xff", timeout=2)
    except TimeoutError:
        pass
    os.waitpid(pid, 0)
    pending.pop(fd, None)
    os.close(fd)


def ms(seconds):
    return f"{seconds * 1000:.1f} ms"


def main():
    with tempfile.TemporaryDirectory() as home:
        startup = []
        for _ in range(RUNS):
            pid, fd, t0 = spawn(home)
            t1, _ = read_until(fd, b"mlm> ")
            startup.append(t1 - t0)
            finish(pid, fd)
        print(f"start-up to first prompt: median {ms(statistics.median(startup))}, "
              f"best {ms(min(startup))} ({RUNS} runs)")

        for entry in (b"while 1 { }", b"sum(i, 1, 1e10, i)"):
            lat = []
            pid, fd, _ = spawn(home)
            read_until(fd, b"mlm> ")
            os.write(fd, b"kept = 17\r")
            read_until(fd, b"mlm> ")
            for _ in range(5):
                os.write(fd, entry + b"\r")
                read_until(fd, entry + b"\r\n")
                time.sleep(0.2)
                t0 = time.perf_counter()
                os.write(fd, b"\x03")
                t1, _ = read_until(fd, b"interrupted")
                lat.append(t1 - t0)
                read_until(fd, b"mlm> ")
            os.write(fd, b"kept\r")
            _, out = read_until(fd, b"mlm> ")
            kept = b"17" in out
            finish(pid, fd)
            print(f"Ctrl-C during {entry.decode()}: median {ms(statistics.median(lat))}, "
                  f"worst {ms(max(lat))}; variables kept: {'yes' if kept else 'NO'}")


if __name__ == "__main__":
    main()

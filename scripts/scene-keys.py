#!/usr/bin/env python3
"""Runs a program in a pseudo-terminal of its own and passes everything through,
but turns single typed keys into others: a screenshot tool that can only press
the keys of its fixed scenes then drives scenes it cannot type.

usage: scripts/scene-keys.py MAP PROGRAM [ARGS...]

MAP is one of:
  arabic   the finder scene's "gorba" becomes the Arabic query "غورب";
           the help scene's "?" becomes F2 (the bidi mode switched) and
           the exit scene's "q" becomes F2 again (switched back), so those
           two pictures show F2 there and back instead of help and exit.

Only a read of exactly one byte is a typed key: the terminal's answers to
queries arrive as longer reads and pass unchanged, as does every escape
sequence. The window size is passed on at start and on every resize.
Needs nothing but Python 3.
"""
import fcntl
import os
import pty
import select
import signal
import sys
import termios
import tty

MAPS = {
    "arabic": {
        b"g": "غ".encode(),
        b"o": "و".encode(),
        b"r": "ر".encode(),
        b"b": "ب".encode(),
        b"a": "ا".encode(),
        b"?": b"\x1bOQ",
        b"q": b"\x1bOQ",
    },
}


def copy_size(master):
    try:
        size = fcntl.ioctl(sys.stdin.fileno(), termios.TIOCGWINSZ, b"\0" * 8)
        fcntl.ioctl(master, termios.TIOCSWINSZ, size)
    except OSError:
        pass


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in MAPS:
        sys.stderr.write(__doc__)
        return 2
    keys = MAPS[sys.argv[1]]
    pid, master = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[2], sys.argv[2:])
    copy_size(master)
    signal.signal(signal.SIGWINCH, lambda *_: copy_size(master))
    saved = termios.tcgetattr(sys.stdin.fileno())
    tty.setraw(sys.stdin.fileno())
    try:
        while True:
            try:
                ready, _, _ = select.select([sys.stdin.fileno(), master], [], [])
            except InterruptedError:
                continue
            if master in ready:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                os.write(sys.stdout.fileno(), data)
            if sys.stdin.fileno() in ready:
                data = os.read(sys.stdin.fileno(), 65536)
                if not data:
                    break
                os.write(master, keys.get(data, data) if len(data) == 1 else data)
    finally:
        termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())

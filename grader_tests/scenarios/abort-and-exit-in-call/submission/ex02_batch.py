import sys


def make_batch(words, vocab, device=None):
    sys.exit(3)

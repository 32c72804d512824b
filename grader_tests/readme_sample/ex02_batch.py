"""Exercise 02: a batch of words as one tensor.

nn.RNN reads many sequences at once. With ``batch_first=True`` it expects a 3-D tensor

    (batch_size, seq_len, input_size)
     how many     letters    length of one
     words        per word   one-hot vector

The note's example stacks three 5-letter words over the vocabulary h, e, l, o:

    "hello", "eolll", "lleel"   ->   shape (3, 5, 4)

    batch[0] is "hello": 5 rows, one one-hot vector per letter
    batch[1] is "eolll"
    batch[2] is "lleel"

Write ``make_batch(words, vocab, device=None)`` that returns that tensor:

- shape ``(len(words), len(words[0]), len(vocab))``, dtype ``torch.float32``
  (nn.RNN's weights are float32; a float64 batch is rejected by it),
- on ``device`` (``None`` means the CPU),
- raises ``ValueError`` saying what is wrong when ``words`` is empty, when the words do not
  all have the same length, or when a character is not in ``vocab``.

You may reuse your exercise 01:  ``from ex01_one_hot import encode_word``.
Watch out: ``torch.tensor(numpy_float64_array)`` keeps float64; ``torch.Tensor(...)``, ``.float()``
or a float32 numpy array give float32.

한국어 설명: make explain EX=ex02
"""

import numpy as np
import torch
from ex01_one_hot import encode_word


def make_batch(words: list[str], vocab: list[str], device=None) -> torch.Tensor:
    rows = [encode_word(word, vocab) for word in words]
    return torch.from_numpy(np.stack(rows, axis=1)).to(device or "cpu")  # the sample's mistake: axis=1

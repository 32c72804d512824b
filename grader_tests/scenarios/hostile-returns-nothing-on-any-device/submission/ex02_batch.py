"""Exercise 02: a batch as one tensor.

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
  all have the same length (name the lengths found, or the word that differs), or when a
  character is not in ``vocab`` (name it). Check every word and raise the error yourself:
  an error numpy or max() happens to raise on the way does not tell the caller what is wrong.

You may reuse your exercise 01:  ``from ex01_one_hot import encode_word``.
Watch out: ``torch.tensor(numpy_float64_array)`` keeps float64; ``torch.Tensor(...)``, ``.float()``
or a float32 numpy array give float32.

Check your work: ``make test`` (without make: ``python -m kata test``).

한국어 설명: KATA_LANG=ko make explain EX=ex02
(make 없이: KATA_LANG=ko python -m kata explain ex02)
"""

import torch


def make_batch(words: list[str], vocab: list[str], device=None) -> torch.Tensor:
    raise NotImplementedError(
        "ex02_batch.make_batch: not written yet. Encode each word (ex01's encode_word), stack "
        "the results along a new first axis, and make a float32 tensor on `device`."
    )


def make_batch(words, vocab, device=None):
    return None

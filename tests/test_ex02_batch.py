"""Graded tests for exercises/ex02_batch.py."""

import pytest
import torch
from hypothesis import given

from kata.i18n import N_, _
from kata.testing.calls import call, expect_raises
from kata.testing.checks import character_itself, expect_close, expect_tensor, names_the_character
from kata.testing.default_device import expect_cpu_when_device_is_none
from kata.testing.lecture_note import NOTE_VOCAB, NOTE_WORDS
from kata.testing.oracle import one_hot_rows
from kata.testing.outcomes import fail
from kata.testing.properties import vocab_and_words
from kata.testing.values import label

META = torch.device("meta")

AXES = ("batch", "seq_len", "input_size")
TIME_MAJOR_HINT = N_(
    "Stack the words along dim 0, so batch[i] is word i: (batch, seq_len, input_size) is what "
    "nn.RNN(..., batch_first=True) reads."
)


@pytest.fixture
def ex(learner):
    return learner("ex02_batch")


def expected_batch(words, vocab):
    return torch.stack([one_hot_rows(word, vocab) for word in words])


def check_batch(ex, words, vocab, device=None):
    args = (words, vocab) if device is None else (words, vocab, device)
    got = call(ex.make_batch, *args)
    what = label(ex.make_batch, args)
    shape = (len(words), len(words[0]), len(vocab))
    if isinstance(got, torch.Tensor) and tuple(got.shape) != shape:
        advice = shape_advice(got, words, vocab)
        if advice:
            fail(
                _("{what} returned shape {got}; expected {want}.", what=what, got=tuple(got.shape), want=shape) + advice
            )
    if isinstance(got, torch.Tensor) and device is not None and got.device.type != torch.device(device).type:
        expect_fresh_answer(ex, got, what, device)
    expect_tensor(got, what, shape=shape, axes=AXES, device=device or "cpu", swap_hint=TIME_MAJOR_HINT)
    if got.device.type == "meta":
        return got  # meta tensors carry shapes and devices, not values
    expect_close(
        got,
        expected_batch(words, vocab),
        what,
        atol=0,
        axes=AXES,
        advice="batch[i, t] must be the one-hot vector of letter t of word i.",
    )
    return got


JOINED = N_(
    "The words were joined end to end (np.concatenate or torch.cat join along an axis that exists already). "
    "np.stack or torch.stack put them along a new first axis, one word per row."
)
SQUEEZED = N_(
    "That is the right batch with every axis of size 1 dropped: .squeeze() drops every axis of size 1 (one word, "
    "one letter per word or a one-character vocabulary). Leave the stacked batch as it is."
)
SQUEEZED_OR_JOINED = N_(
    "The batch axis of size 1 is missing: .squeeze() drops it, and so does joining the words with np.concatenate "
    "or torch.cat. Stack the words with np.stack or torch.stack, and do not squeeze."
)


def shape_advice(got, words, vocab):
    """The cause of a wrong shape: the reference's batch transformed the way each mistake would
    transform it (squeezed, joined end to end along axis 0 or 1), compared shape and values
    (shapes alone on the meta device). With one word both give the same: both are named."""
    meta = got.device.type == "meta"
    right = torch.zeros(len(words), len(words[0]), len(vocab)) if meta else expected_batch(words, vocab)
    values = None if meta else got.detach().cpu().double()

    def gives(wrong):
        return tuple(got.shape) == tuple(wrong.shape) and (values is None or torch.equal(values, wrong.double()))

    squeezed = gives(right.squeeze())
    joined = gives(right.reshape(-1, len(vocab))) or gives(right.transpose(0, 1).reshape(len(words[0]), -1))
    if squeezed and joined:
        return " " + _(SQUEEZED_OR_JOINED)
    return " " + _(SQUEEZED) if squeezed else " " + _(JOINED) if joined else ""


FRESH_WORDS, FRESH_VOCAB = ["ʃŋ", "ŋʃ"], ["ŋ", "ʃ"]  # no other test uses them: no earlier call can have kept them


def expect_fresh_answer(ex, got, what, device):
    """A batch on the wrong device, while fresh words come back on the right one: an answer kept
    from an earlier call, in a cache whose key leaves the device out."""
    try:
        fresh = call(ex.make_batch, FRESH_WORDS, FRESH_VOCAB, device)
    except pytest.fail.Exception:
        return  # the probe's own failure says nothing about this one
    if isinstance(fresh, torch.Tensor) and fresh.device.type == torch.device(device).type:
        fail(
            _(
                "{what} returned a tensor on {got}; expected it on {want}. Fresh words on {want} do come back on "
                "{want}: this is an answer of an earlier call, kept for the same words and vocabulary. A cache must "
                "have the device in its key (or keep no tensors at all): make the batch on every call.",
                what=what,
                got=got.device,
                want=torch.device(device).type,
            )
        )


def test_note_example(ex):
    """the note's words give a (3, 5, 4) float32 batch on the CPU"""
    check_batch(ex, NOTE_WORDS, NOTE_VOCAB)


@pytest.mark.parametrize(
    ("words", "vocab"),
    [
        (["abc", "bca", "cab"], ["a", "b", "c"]),
        (["hi", "ih", "hh", "ii", "hi"], ["h", "i"]),
        (["sequence"], list("sequnc")),
        (["abcdefg", "gfedcba"], list("gfedcba")),
    ],
    ids=["square-3x3", "five-short-words", "one-word", "reversed-vocab"],
)
def test_fresh_words(ex, words, vocab):
    """make_batch stacks any equal-length words, one word per row of the batch"""
    check_batch(ex, words, vocab)


def test_on_the_grading_device(ex, device):
    """make_batch puts the batch on the device it is given"""
    check_batch(ex, ["hello", "world"], list("helowrd"), device)


def test_device_is_honoured_on_meta(ex):
    """make_batch puts the batch on the device it is given, on every machine (PyTorch's meta device)"""
    check_batch(ex, ["hello", "world"], list("helowrd"), META)


@given(case=vocab_and_words())
def test_any_words(ex, case):
    """make_batch stacks any equal-length words over any vocabulary"""
    vocab, words = case
    check_batch(ex, words, vocab)


def test_no_words(ex):
    """make_batch([]) raises ValueError saying there are no words"""
    expect_raises(
        ValueError,
        ex.make_batch,
        [],
        NOTE_VOCAB,
        why="because there are no words to stack",
        case="Raising it when there are no words is right.",
    )


WORDS = ["abc", "bca", "cab", "acb"]


@pytest.mark.parametrize("odd", ["zz", "zzzz"], ids=["shorter", "longer"])
def test_words_of_different_lengths(ex, odd):
    """make_batch raises ValueError when any word, at any position, has another length"""
    vocab = ["a", "b", "c", "z"]
    for position in range(len(WORDS)):
        words = [*WORDS[:position], odd, *WORDS[position + 1 :]]
        expect_raises(
            ValueError,
            ex.make_batch,
            words,
            vocab,
            mentioning=[("3", str(len(odd))), *((word,) for word in words)],
            names=N_("the lengths found (or the word that differs)"),
            why="because the words have different lengths (check every word, not only the first and last)",
            case="Raising it when the words have different lengths is right.",
        )


def test_character_not_in_vocab(ex):
    """make_batch raises ValueError naming a character missing from the vocabulary, at any position"""
    expect_raises(
        ValueError,
        ex.make_batch,
        ["help"],
        NOTE_VOCAB,
        mentioning=names_the_character("p"),
        names=character_itself("p", in_a_word=True),
        why="because 'p' is not in the vocabulary",
        case="Raising it for a character that is not in the vocabulary is right.",
    )
    for word in range(len(WORDS)):
        for position in range(3):
            words = list(WORDS)
            words[word] = words[word][:position] + "q" + words[word][position + 1 :]
            expect_raises(
                ValueError,
                ex.make_batch,
                words,
                ["a", "b", "c"],
                mentioning=names_the_character("q"),
                names=character_itself("q", in_a_word=True),
                why="because 'q' is not in the vocabulary (check every letter of every word)",
                case="Raising it for a character that is not in the vocabulary is right.",
            )


def test_device_none_means_the_cpu(learner):
    """make_batch(words, vocab) makes its tensor on the CPU, also where CUDA is available"""
    ex = learner("ex02_batch")
    expect_cpu_when_device_is_none(ex.make_batch, ["hihell", "ihello"], ["h", "i", "e", "l", "o"])

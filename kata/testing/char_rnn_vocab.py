"""ex07's data, and the vocabulary in another order than first appearance.

train must build its vocabulary with build_vocab([text]): the characters in the order they first
appear. A vocabulary in another order (sorted(set(text)), a set's order) trains a model whose
one-hot columns and targets mean other characters than the vocab predict is given, so predict,
the loss and Adam's steps all come out wrong although the training loop is right. The judge
names it by redoing, on its own rebuild of the model, what that order gives."""

from __future__ import annotations

from itertools import permutations

import torch
from torch import nn

from kata.i18n import N_, _
from kata.testing.char_rnn import Rebuilt, rebuilt_or_none
from kata.testing.char_rnn import replay as replay_in_the_judge
from kata.testing.outcomes import fail

TEXT = "hihello"
VOCAB = ["h", "i", "e", "l", "o"]  # build_vocab([TEXT]): the order of first appearance
SORTED = sorted(VOCAB)
VOCAB_SORTED = N_(
    "Your code's result matches what training with a sorted vocabulary, {order}, gives (sorted(set(text)) makes "
    "it): the model learns one-hot columns and targets that mean other characters than in {vocab}, the "
    "vocabulary in order of first appearance that predict is given. Build the vocabulary with build_vocab([text])."
)
VOCAB_OTHER_ORDER = N_(
    "Your code's result matches what training with the vocabulary in another order, {order}, gives (a set's "
    "order, for one): the model learns one-hot columns and targets that mean other characters than in {vocab}, "
    "the vocabulary in order of first appearance that predict is given. Build the vocabulary with "
    "build_vocab([text])."
)


def hihello_data(device: str | torch.device = "cpu", vocab: list[str] = VOCAB) -> tuple[torch.Tensor, torch.Tensor]:
    """The documented data, built without the learner's code: one-hot "hihell" and the indices of
    "ihello", over `vocab` (by default the documented order)."""
    x = torch.eye(len(vocab))[[vocab.index(c) for c in TEXT[:-1]]].unsqueeze(0).to(device)
    y = torch.tensor([vocab.index(c) for c in TEXT[1:]], device=device)
    return x, y


def order_advice(order: list[str]) -> str:
    """What to say when train used the vocabulary in `order`."""
    return _(VOCAB_SORTED if order == SORTED else VOCAB_OTHER_ORDER, order=order, vocab=VOCAB)


def trained_order_advice(model: nn.Module) -> str:
    """Where a trained model says "ihello" for "hihell" only when read in another vocabulary order
    (sorted first, then every other one), what to say about that order; else ""."""
    rebuilt = rebuilt_or_none(model)
    if rebuilt is None or rebuilt.head.out_features != len(VOCAB):
        return ""
    where = next(rebuilt.parameters()).device
    if where.type == "meta" or _predicts(rebuilt, VOCAB, where):
        return ""
    others = [list(p) for p in permutations(VOCAB) if list(p) not in (VOCAB, SORTED)]
    return next((order_advice(order) for order in [SORTED, *others] if _predicts(rebuilt, order, where)), "")


def _predicts(rebuilt: Rebuilt, order: list[str], where: torch.device) -> bool:
    x, _y = hihello_data(where, order)
    with torch.no_grad():
        indices = rebuilt(x).argmax(dim=-1)[0].tolist()
    return "".join(order[i] for i in indices) == TEXT[1:]


def sorted_first_loss(start: Rebuilt) -> tuple[float, str]:
    """The first loss train reports for the untrained model when it sorts the vocabulary."""
    x, y = hihello_data(vocab=SORTED)
    with torch.no_grad():
        logits = start(x).reshape(-1, len(VOCAB)).double()
    return nn.functional.cross_entropy(logits, y).item(), order_advice(SORTED)


def sorted_training(start: Rebuilt, steps: int, lr: float) -> tuple[list[torch.Tensor], str]:
    """The weights after each step of Adam at lr when train sorts the vocabulary."""
    x, y = hihello_data(vocab=SORTED)
    _losses, weights, _grad = replay_in_the_judge(start, x, y, steps=steps, lr=lr)
    return weights, order_advice(SORTED)


def expect_trained_sizes(model: nn.Module, vocab: list[str], hidden_size: int, what: str) -> None:
    """train(text=..., hidden_size=...)'s model reads one input per character of the text's own
    vocabulary into the hidden size it was given."""
    rnns = [m for m in model.modules() if isinstance(m, nn.RNN)]
    if not rnns:
        fail(
            _(
                "{what}: the model should hold an nn.RNN that reads {vocab_size} inputs (one per character of "
                "{vocab}) into hidden_size={hidden_size}; the model holds no nn.RNN.",
                what=what,
                vocab_size=len(vocab),
                vocab=vocab,
                hidden_size=hidden_size,
            )
        )
    if rnns[0].hidden_size != hidden_size or rnns[0].input_size != len(vocab):
        fail(
            _(
                "{what}: the model's nn.RNN should read {vocab_size} inputs (one per character of {vocab}) into "
                "hidden_size={hidden_size}; it has {got}.",
                what=what,
                vocab_size=len(vocab),
                vocab=vocab,
                hidden_size=hidden_size,
                got=f"input_size={rnns[0].input_size}, hidden_size={rnns[0].hidden_size}",
            )
        )

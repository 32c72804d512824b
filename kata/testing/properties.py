"""Property-based checks with Hypothesis, set up for grading: reproducible verdicts
(derandomize), a few examples each, no deadline, no example database written anywhere.

A failing example is reported like every other kata failure: the test's own message, which
names the call with its arguments, what was expected and what came back. Hypothesis shrinks it
first, so the learner sees the simplest input that fails.
"""

from __future__ import annotations

import string

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

settings.register_profile(
    "kata",
    derandomize=True,  # the same examples on every run: a verdict never changes between runs
    max_examples=25,
    deadline=None,  # a slow machine is not a wrong answer
    database=None,  # write nothing: graded code runs in a folder the grader removes
    print_blob=False,
    report_multiple_bugs=False,  # one failure, the simplest, in the kata's own words
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
    suppress_health_check=list(HealthCheck),  # the `ex` fixtures only load modules
)
settings.load_profile("kata")


def draw_no_local_constants() -> bool:
    """Hypothesis also draws literals that it finds in the loaded modules of the project (test
    files, the kata). Which of them are loaded depends on what else is graded in the same process
    (one exercise, several, or plain pytest over all of them), so the same code could get another
    verdict in other company. Draw only from Hypothesis's own constants. False where this
    Hypothesis has no such feature (nothing to switch off)."""
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:
        return False
    if not callable(getattr(providers, "_get_local_constants", None)):
        return False
    none = type(providers._local_constants)()
    providers._get_local_constants = lambda: none
    return True


draw_no_local_constants()

# Letters, capitals, a space, digits and Hangul: a vocabulary is any characters, not only h, e, l, o.
ALPHABET = string.ascii_lowercase[:12] + "AZ 09" + "안녕하세"
characters = st.sampled_from(ALPHABET)


def vocabularies(min_size: int = 1, max_size: int = 7) -> st.SearchStrategy[list[str]]:
    """Distinct characters in a random order (never sorted on purpose)."""
    return st.lists(characters, min_size=min_size, max_size=max_size, unique=True)


@st.composite
def words_over(draw: st.DrawFn, vocab: list[str], *, count: tuple[int, int] = (1, 5), length: tuple[int, int] = (1, 6)):
    """Equal-length words over `vocab`."""
    size = draw(st.integers(*length))
    letters = st.sampled_from(vocab)
    return ["".join(draw(st.lists(letters, min_size=size, max_size=size))) for _ in range(draw(st.integers(*count)))]


@st.composite
def vocab_and_words(draw: st.DrawFn, **sizes) -> tuple[list[str], list[str]]:
    vocab = draw(vocabularies())
    return vocab, draw(words_over(vocab, **sizes))


@st.composite
def rnn_sizes(draw: st.DrawFn, max_layers: int = 1) -> dict[str, int]:
    """batch, seq_len, input_size, hidden_size (and num_layers) of a small RNN, and a seed for its data."""
    return {
        "batch": draw(st.integers(1, 5)),
        "seq_len": draw(st.integers(1, 7)),
        "input_size": draw(st.integers(1, 6)),
        "hidden_size": draw(st.integers(1, 6)),
        "num_layers": draw(st.integers(1, max_layers)),
        "seed": draw(st.integers(0, 2**16)),
    }

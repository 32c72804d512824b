"""Every last hint, applied exactly as written, passes what it claims to fix.

The golden scenario `last-hints-applied` holds each exercise with the code of its last hint
(kata.toml) written in: test_scenarios.py grades it and expects every test to pass. This file
checks that the code there is the hint's own, character for character, in English and Korean, so
a hint that changes without its scenario (or the other way round) fails here.
"""

from __future__ import annotations

import pytest

from grader_tests.golden import SCENARIOS
from kata import ROOT
from kata.compat import tomllib
from kata.i18n import catalog

APPLIED = SCENARIOS / "last-hints-applied" / "submission"

# The code each last hint gives, as it must appear in the hint and in the applied file.
HINT_CODE = {
    "ex01_one_hot": [
        "rows = [one_hot(c, vocab) for c in word]",
        "np.array(rows, dtype=np.float32).reshape(len(word), len(vocab))",
    ],
    "ex02_batch": ["torch.from_numpy(", ".to(device or 'cpu')"],  # the array's name is a placeholder
    "ex03_rnn": ["outputs, h_n = rnn(batch)"],
    "ex04_shapes": ["(num_layers, batch_size, hidden_size)"],
    "ex05_time_major": ["batch.transpose(0, 1)"],
    "ex06_rnn_from_scratch": ["torch.stack(hs, dim=1)", "h.unsqueeze(0)"],
    "ex07_train_hihello": ["nn.Linear(hidden_size, vocab_size)"],
}


# The code the second hints give, written into the golden scenario `second-hints-applied`.
SECOND_APPLIED = SCENARIOS / "second-hints-applied" / "submission"
SECOND_HINT_CODE = {
    "ex01_one_hot": ['raise ValueError(f"{char!r} is not in the vocabulary")', "[0] * len(vocab)", "vocab.index(char)"],
}


def hints_numbered(number: int) -> dict[str, tuple[str, str]]:
    """Each exercise's hint `number` (from 1) in English (kata.toml) and in Korean (ko.po)."""
    with (ROOT / "kata.toml").open("rb") as fh:
        english = {e["name"]: e["hints"][number - 1] for e in tomllib.load(fh)["exercise"]}
    korean = catalog("ko").get("exercises", {})
    return {
        name: (hint, korean.get(name, {}).get("hints", [""] * number)[number - 1]) for name, hint in english.items()
    }


@pytest.mark.parametrize("name", sorted(SECOND_HINT_CODE))
def test_the_second_hints_code_passes_as_written(name: str) -> None:
    """A middle hint that gives code must give code the tests accept: the scenario grades it."""
    english, korean = hints_numbered(2)[name]
    source = (SECOND_APPLIED / f"{name}.py").read_text(encoding="utf-8")
    for code in SECOND_HINT_CODE[name]:
        assert code in english, f"{name}'s second hint does not give {code!r}: {english!r}"
        assert code in korean, f"{name}'s Korean second hint does not give {code!r}: {korean!r}"
        assert code in source, f"{SECOND_APPLIED.name}/{name}.py does not use the hint's code {code!r}"


def last_hints() -> dict[str, tuple[str, str]]:
    """Each exercise's last hint in English (kata.toml) and in Korean (kata/i18n/locales/ko.po)."""
    with (ROOT / "kata.toml").open("rb") as fh:
        english = {e["name"]: e["hints"][-1] for e in tomllib.load(fh)["exercise"]}
    korean = catalog("ko").get("exercises", {})
    return {name: (hint, korean.get(name, {}).get("hints", [""])[-1]) for name, hint in english.items()}


def test_every_exercise_has_its_applied_last_hint() -> None:
    assert set(HINT_CODE) == set(last_hints())
    assert {p.stem for p in APPLIED.glob("ex*.py")} == set(HINT_CODE)


@pytest.mark.parametrize("name", sorted(HINT_CODE))
def test_the_applied_file_holds_the_hints_code(name: str) -> None:
    english, korean = last_hints()[name]
    source = (APPLIED / f"{name}.py").read_text(encoding="utf-8")
    for code in HINT_CODE[name]:
        assert code in english, f"{name}'s last hint no longer gives {code!r}: {english!r}"
        assert code in korean, f"{name}'s Korean last hint does not give {code!r}: {korean!r}"
        assert code in source, f"{APPLIED.name}/{name}.py does not use the hint's code {code!r}"

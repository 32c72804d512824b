"""How messages are put together, held to the classes of issue 30's ninth Korean review (sections
2.1, 2.2, 2.3, 2.4, 2.12): the kata's own refusals said as prose, not quoted as the learner's
error text; a call's arguments as code; whole reasons; labelled learner text. Each test was first
seen to fail on what the review marked."""

from __future__ import annotations

import pytest

from kata.core import refusals
from kata.i18n import _
from kata.testing import calls

WHAT = "ex03_rnn.build_rnn(4, 2)"


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(
    "refusal",
    [
        (refusals.REFERENCE_OFF_LIMITS, {"path": "solutions/ex03_rnn.py", "command": "python -m kata hint ex03"}),
        (refusals.NO_PROGRAMS, {"event": "fork, kill, socket"}),
        (refusals.KATA_MODULES_OFF_LIMITS, {"module": "kata.testing.oracle"}),
    ],
    ids=["reference", "programs", "kata-import"],
)
def test_a_refusal_of_the_kata_is_said_as_prose_not_quoted(
    monkeypatch: pytest.MonkeyPatch, lang: str, refusal: tuple[str, dict]
) -> None:
    """copies-the-reference, imports-the-kata: "오류 메시지는 `채점 중에는 모범 답안을 …`입니다."
    quoted the kata's own sentences as if the learner's code had written them."""
    monkeypatch.setenv("KATA_LANG", lang)
    text = _(refusal[0], **refusal[1])
    said = calls.explain_error(WHAT, PermissionError(text))
    assert text in said, said
    assert f"`{text}`" not in said and f": {text}" not in said, said
    assert "error message" not in said and "오류 메시지" not in said, said


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_tests_own_refusal_is_said_as_prose(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """rules-during-the-call ex04: rnn_shapes' "without running an RNN" was quoted as an error message."""
    monkeypatch.setenv("KATA_LANG", lang)
    text = _("Do not run an RNN here.")
    calls.RnnWatch(refuse=text)
    said = calls.explain_error(WHAT, RuntimeError(text))
    assert text in said and f"`{text}`" not in said and f": {text}" not in said, said


def test_a_learners_own_text_is_still_quoted() -> None:
    said = calls.explain_error(WHAT, ValueError("the reference solutions are off-limits"))
    assert "ValueError" in said and "the reference solutions are off-limits" in said, said

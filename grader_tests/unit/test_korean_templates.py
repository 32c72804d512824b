"""Every template that takes a `{what}` reads right after each kind of description the code
passes: a call and a value a call returned (the eleventh Korean review, class A:
"…이 돌려준 outputs가 돌려준 값의 모양이", "…실행했을 때가 돌려준 h_n"). The messages are
made by the real checks, in Korean and in English, and held to grader_tests/korean_templates.py
and to the style checks a catalogue entry meets."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pytest
import torch

from grader_tests import korean_code_font, korean_style, korean_templates, korean_text
from grader_tests.catalog import catalog_entries
from kata.i18n import _, catalog
from kata.testing import checks
from kata.testing.checks import returned
from kata.testing.rnn_checks import expect_rnn_outputs

CALL = "ex03_rnn.run_rnn(<RNN 모듈>, <(3, 5, 4) float32 텐서>)"
BUILD = "ex03_rnn.build_rnn(4, 2, device=device(type='cpu'))"
TRAIN = "ex07_train_hihello.train('hihello', 8, 100, 0.1, 0, device(type='cpu'))"
OUT_AXES = ("batch", "seq_len", "hidden_size")


def calls_described() -> list[str]:
    """Each kind of call description the code builds: a call's label, and the RNN a label made,
    run on a batch (tests/test_ex03_rnn.py)."""
    return [
        CALL,
        _("{what} run on a (3, 5, 4) batch", what=BUILD),
        _("{what} run on the note's batch", what=BUILD),
        _("{what}(x) for x of shape (2, 5, {vocab_size})", what="CharRNN(5, 8)", vocab_size=5),
    ]


def values_described() -> list[str]:
    """Each value description the code builds (every `returned(...)` in the sources), after each
    call description."""
    texts = [t for t, marked in korean_templates.descriptions_in_sources().items() if marked]
    return [returned(_(text, what=call)) for text in texts for call in calls_described()[:3] + [TRAIN]]


def failures(what: str) -> Iterator[str]:
    """The message of every receiving check in kata/testing/checks.py, failed on purpose."""
    meta = torch.zeros(3, 5, 2, device="meta")
    attempts: list[Callable[[], object]] = [
        lambda: checks.expect_type(np.zeros(4), what, list, "a list of Python floats, one per step"),
        lambda: checks.expect_items([torch.tensor(1.0)], what, float, "a list of Python floats, one per step"),
        lambda: checks.expect_tensor(np.zeros(3), what, shape=(3, 5, 2), axes=OUT_AXES),
        lambda: checks.expect_tensor(torch.zeros(3, 4, 2), what, shape=(3, 5, 2), axes=OUT_AXES),
        lambda: checks.expect_tensor(torch.zeros(3, 5, 2, dtype=torch.float64), what, shape=(3, 5, 2), axes=OUT_AXES),
        lambda: checks.expect_tensor(meta, what, shape=(3, 5, 2), axes=OUT_AXES, device="cpu"),
        lambda: checks.expect_close(torch.zeros(2), torch.zeros(3), what, atol=1e-4),
        lambda: checks.expect_close(torch.zeros(2), torch.ones(2), what, atol=1e-4, axes=("batch",)),
        lambda: checks.expect_tanh_range(torch.full((2,), 3.0), what, 1e-4),
        lambda: checks.expect_int_tuple((np.int64(3),), what, (3,)),
    ]
    for attempt in attempts:
        with pytest.raises(BaseException) as failed:
            attempt()
        yield str(failed.value)


def rnn_failures(what: str) -> Iterator[str]:
    """expect_rnn_outputs, which builds the outputs' and h_n's descriptions itself."""
    torch.manual_seed(0)
    rnn = torch.nn.RNN(4, 2, batch_first=True)
    batch = torch.zeros(3, 5, 4)
    outputs, h_n = rnn(batch)
    for result in ((outputs[:, :-1], h_n), (outputs, h_n[:, :2]), (outputs + 0.5, h_n), (outputs, h_n + 0.5)):
        with pytest.raises(BaseException) as failed:
            expect_rnn_outputs(tuple(t.detach() for t in result), rnn, batch, what, torch.device("cpu"))
        yield str(failed.value)


def all_messages() -> list[str]:
    """expect_rnn_outputs takes a call (it names the outputs itself); the other checks take both."""
    messages = [m for what in calls_described() for m in [*failures(what), *rnn_failures(what)]]
    return messages + [m for what in values_described() for m in failures(what)]


STYLE = ("a type's name left in English", "English words in Korean text", "a word the glossary replaces")


def test_every_receiving_template_reads_right_after_a_call_and_after_a_value(monkeypatch) -> None:
    monkeypatch.setenv("KATA_LANG", "ko")
    messages = all_messages()
    assert len(messages) > 100
    faults = [f"{f}\n    in {m}" for m in messages for f in korean_templates.korean_faults(m)]
    faults += [f"{name}: {found}" for m in messages for name in STYLE for found in korean_style.CHECKS[name]("", m)]
    assert not faults, "\n".join(faults[:20])


def test_the_same_messages_in_english_do_not_double_the_verb() -> None:
    faults = [f"{f}\n    in {m}" for m in all_messages() for f in korean_templates.english_faults(m)]
    assert not faults, "\n".join(faults[:20])


def test_the_checks_catch_the_reviews_sentences() -> None:
    """Each fault of review 11 (class A and B items 1–2), as the old templates gave it."""
    for old in (
        "ex03_rnn.run_rnn(<RNN 모듈>, …)이 돌려준 outputs가 돌려준 값의 모양이 (3, 4, 2)입니다.",
        "…train('hihello', 8, 100, 0.1, 0, device(type='cpu'))이 돌려준 손실 리스트가 돌려준 값의 항목 0이 텐서입니다.",
        "…(3, 5, 4) 배치를 넣어 실행했을 때가 돌려준 h_n의 모양이 (1, 5, 2)입니다.",
        "…원-핫 'hihell'을 넣어 나온 로짓이 돌려준 값의 모양이 (1, 6, 4)입니다.",
        "ex05_time_major.to_time_major(<…>)는 모양은 맞지만 값이 틀립니다.",
    ):
        assert korean_templates.korean_faults(old), old
    assert korean_templates.english_faults("run_rnn(rnn, batch)'s outputs returned shape (3, 4, 2)")
    assert not korean_templates.korean_faults("ex03_rnn.run_rnn(<…>)이 돌려준 outputs는 모양이 (3, 4, 2)입니다.")
    assert not korean_templates.korean_faults("ex05_time_major.to_time_major(<…>)이 돌려준 값은 모양은 맞지만")
    assert korean_code_font.ENGLISH_TYPE_NAME.findall("{what}이 {kind} {value}를 돌려줬습니다.")  # class F


def test_every_description_is_a_noun_phrase_of_its_kind() -> None:
    """A description that names a part of what a call returned is marked `returned(...)` where it is
    built, so the checks word their messages for a value; in Korean every description ends as a
    noun phrase (never "…실행했을 때"), and none is left untranslated."""
    korean = catalog("ko")["messages"]
    found = korean_templates.descriptions_in_sources()
    assert {"{what}'s outputs", "{what}'s h_n", "{what}'s losses", "{what} run on a (3, 5, 4) batch"} <= set(found)
    for english, marked in found.items():
        assert marked == korean_templates.names_a_returned_value(english), english
        assert english in korean, english
        assert not korean_templates.korean_clause(korean[english]), korean[english]
    assert korean_templates.korean_clause("{what}이 만든 RNN에 (3, 5, 4) 배치를 넣어 실행했을 때")  # the old text


def test_no_korean_text_repeats_a_finding_of_the_eleventh_review() -> None:
    """Classes B–E of review 11: each pattern catches the sentence the review quoted, and no
    catalogue text, stub line or README.ko.md line matches any."""
    from kata import ROOT

    for name, (_pattern, old) in korean_templates.REVIEWED.items():
        assert korean_templates.reviewed_faults(old), name
    texts = dict(korean_text.korean_texts())
    texts["README.ko.md"] = (ROOT / "README.ko.md").read_text(encoding="utf-8")
    found = [f"{where}: {fault}" for where, text in texts.items() for fault in korean_templates.reviewed_faults(text)]
    assert not found, "\n".join(found)


def test_every_numbered_list_of_an_explain_text_is_laid_out_one_way() -> None:
    """G.1 of review 11: ex01's item 3 followed item 2 with no blank line, where items 1 and 2
    were set off (checked on the review's own layout, then on every Korean instructions text)."""
    old = "1. a\n\n       a() == 1\n\n2. b\n\n       b() == 2\n\n   c.\n3. d\n   e."
    assert korean_templates.uneven_list(old) == ["3. d"]
    texts = catalog("ko")["instructions"]
    found = {name: korean_templates.uneven_list(text) for name, text in texts.items()}
    assert not any(found.values()), found


def test_every_list_the_english_joins_ends_in_wa_gwa_or_na() -> None:
    """Review 12, 2.5: GLOSSARY.md's "A, B와 C" / "A, B나 C" was kept in some texts and not in
    others. The check catches the review's sentences, passes the house style and a list the English
    leaves bare too, and no catalogue entry has a bare comma list where its English joins one."""
    for english, old in (
        (
            "Call optimizer.zero_grad(), loss.backward() and optimizer.step() every step.",
            "반복마다 optimizer.zero_grad(), loss.backward(), optimizer.step()을 호출하세요.",
        ),
        (
            "Remove any sys.exit, os._exit, os.abort, exit() or ctypes tricks.",
            "sys.exit, os._exit, os.abort, exit(), ctypes를 쓴 코드를 지우세요.",
        ),
        ("a dict with the keys 'input', 'output' and 'h_n'", "키가 'input', 'output', 'h_n'이고"),
        ("Make the interpreter, the venv and the checkout readable", "인터프리터, venv, 체크아웃을 그 사용자가"),
        (" and ", ", "),
    ):
        assert korean_templates.bare_lists(english, old), old
    assert not korean_templates.bare_lists("Remove exit() or ctypes tricks.", "exit()나 ctypes를 쓴 코드를 지우세요.")
    assert not korean_templates.bare_lists("torch, numpy, math and typing", "torch, numpy, math와 typing만")
    assert not korean_templates.bare_lists("h, e, l, o and more", "h, e, l, o로 된 단어")
    assert not korean_templates.bare_lists("re-initialise, train or replace", "초기화하거나, 학습시키거나, 바꿔")
    entries = [e for e in catalog_entries("ko") if e.translated]
    found = [f"{e.msgid!r}: {bare}" for e in entries for bare in korean_templates.bare_lists(e.msgid, e.msgstr)]
    assert not found, "\n".join(found)


def test_two_swapped_axes_are_joined_by_a_particle(monkeypatch) -> None:
    """Review 12, 2.5 item 12: " and " became a bare comma ("batch, seq_len 축이 서로 바뀐 것 같습니다")."""
    monkeypatch.setenv("KATA_LANG", "ko")
    with pytest.raises(BaseException) as failed:
        checks.expect_tensor(torch.zeros(5, 3, 2), "x", shape=(3, 5, 2), axes=OUT_AXES)
    assert "batch와 seq_len 축이" in str(failed.value), str(failed.value)


def test_no_type_word_before_none() -> None:
    """Review 12, 2.3 item 5: "…가 값 None을 돌려줬습니다" said a word before None that adds nothing."""
    from kata.i18n.korean import fill

    said = fill("{what}이 {kind!t} {value}를 돌려줬습니다.", {"what": "f()", "kind": "NoneType", "value": "None"})
    assert said == "f()가 None을 돌려줬습니다.", said
    assert fill("{what}이 {kind!t} {value}를 돌려줬습니다.", {"what": "f()", "kind": "list", "value": "[1]"}) == (
        "f()가 리스트 [1]을 돌려줬습니다."
    )

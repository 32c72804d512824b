"""Particles that fit what is filled in: after a placeholder, the helper fits it to the value
(kata/i18n/korean.py); in fixed text, the particle fits the word before it (issue 20)."""

from __future__ import annotations

import re
import string

import pytest

from grader_tests.korean_screen import HANGUL, korean_texts_to_hold_to_the_glossary, texts_ko
from kata import ROOT
from kata.i18n import korean

pytestmark = pytest.mark.timeout(300)


@pytest.mark.parametrize(
    ("template", "value", "expected"),
    [
        ("{v}를 돌려줬습니다", "(1, 2, 6)", "(1, 2, 6)을 돌려줬습니다"),  # 6 육
        ("{v}를 돌려줬습니다", "(1, 5, 2)", "(1, 5, 2)를 돌려줬습니다"),  # 2 이
        ("{v}가 아닙니다", "1.656", "1.656이 아닙니다"),
        ("코드 {v}로 끝났습니다", "3", "코드 3으로 끝났습니다"),  # 3 삼
        ("코드 {v}로 끝났습니다", "1", "코드 1로 끝났습니다"),  # 1 일: ㄹ takes 로
        ("{v}여야 합니다", "num_layers=1", "num_layers=1이어야 합니다"),
        ("{v}이어야 합니다", "batch_first=True", "batch_first=True여야 합니다"),
        ("{v}라는 연습", "ex10", "ex10이라는 연습"),  # 10 십
        ("{v}라는 연습", "ex02", "ex02라는 연습"),
        ("{v}가 없습니다", "'/tmp/stack'", "'/tmp/stack'이 없습니다"),  # 스택
        ("{v}를 돌려줬습니다", "ex01.build_vocab(['hello'])", "ex01.build_vocab(['hello'])을 돌려줬습니다"),  # 보캡
        ("{v}가 호출했습니다", "sys.exit(3)", "sys.exit(3)가 호출했습니다"),  # a call: its name decides
        ("{v}을 돌려줬습니다", "연습(ex01, ex02)", "연습(ex01, ex02)을 돌려줬습니다"),  # an aside: the word before
        ("{v}가 아닙니다", "dtype", "dtype이 아닙니다"),  # 디타입
        ("{v}는 실행합니다", "make check", "make check는 실행합니다"),  # 체크
        ("{v}가 없습니다", "'/tmp/x'", "'/tmp/x'가 없습니다"),  # 엑스
        ("{v}를 일으켰습니다", "StopIteration", "StopIteration을 일으켰습니다"),
        ("{v}이 일으켰습니다", "ValueError", "ValueError가 일으켰습니다"),
        ("{v}을 돌려줬습니다", "<RNN>", "<RNN>을 돌려줬습니다"),  # 엔
        ("{v}을 돌려줬습니다", "<GRU>", "<GRU>를 돌려줬습니다"),  # 유
        ("{v}은 틀립니다", "모양", "모양은 틀립니다"),
        ("{v}는 틀립니다", "손실", "손실은 틀립니다"),
        ("{v}과 같습니다", "outputs[i, -1]", "outputs[i, -1]과 같습니다"),
        ("`{v}`이 찾았습니다", "import ex01_one_hot", "`import ex01_one_hot`이 찾았습니다"),  # 핫
    ],
)
def test_the_particle_fits_the_value_filled_in(template: str, value: str, expected: str) -> None:
    assert korean.fill(template, {"v": value}) == expected


def test_korean_templates_use_no_slash_particles() -> None:
    slashed = [k for k, v in texts_ko().items() if re.search(r"\((을|를|이|가|은|는|과|와|으)\)", v)]
    assert not slashed, f"write one form and let kata/i18n/korean.py fit it: {slashed[:5]}"


def test_every_particle_after_a_placeholder_is_one_the_helper_fits() -> None:
    unhandled = []
    for text in texts_ko().values():
        for literal in literals_after_placeholders(text):
            _marks, particle, rest = korean.leading_particle(literal)
            if not particle and HANGUL.match(rest[:1]) and not rest.startswith(korean.NEUTRAL):
                unhandled.append(f"{text!r} (after a placeholder: {rest[:6]!r})")
    assert not unhandled, "add the particle to kata/i18n/korean.py or rephrase:\n" + "\n".join(unhandled[:10])


def literals_after_placeholders(template: str) -> list[str]:
    parsed = list(string.Formatter().parse(template))
    return [parsed[i + 1][0] for i in range(len(parsed) - 1) if parsed[i][1] is not None]


PARTICLE_FORMS = sorted({form for pair in korean.PARTICLES for form in pair}, key=len, reverse=True)


PARTICLE_AT_END = "(" + "|".join(PARTICLE_FORMS) + r")(?=[\s.,:;!?)\]\"'`]|$)"


def every_korean_text() -> dict[str, str]:
    """Every Korean text a learner or maintainer reads: the catalogue (messages, titles, tasks,
    hints, instructions), README.ko.md and the glossary's own examples."""
    texts = korean_texts_to_hold_to_the_glossary()
    texts["GLOSSARY.md"] = (ROOT / "kata" / "i18n" / "locales" / "GLOSSARY.md").read_text(encoding="utf-8")
    return texts


def fixed_parts(text: str) -> list[str]:
    """The text as written by hand, split at placeholders (kata/i18n/korean.py fits the particle right
    after a placeholder when it is filled in; everything else is fixed)."""
    return re.split(r"\{[A-Za-z_][A-Za-z0-9_.]*(?::[^{}]*)?\}", text)


def bare_korean_nouns() -> set[str]:
    """Hangul words that stand alone somewhere (followed by a space or a mark): the nouns whose
    particles can be checked wherever they are written with one ("연습" -> "연습가" is wrong)."""
    words: set[str] = set()
    for text in every_korean_text().values():
        words.update(re.findall(r"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{2,})(?=[\s.,:)(]|$)", text))
    return {
        w for w in words if not w.endswith(("다", "요", "고", "서", "면", "며", "게", "지", "는", "은", "을", "를"))
    }


# Words that end like a particle but are one word ("차이", "경로", "효과"): not a noun + particle.
WORDS_ENDING_LIKE_A_PARTICLE = (
    "차이",
    "사이",
    "경로",
    "효과",
    "초과",
    "평가",
    "증가",
    "참가",
    "그대로",
    "새로",
    "따로",
    "서로",
    "바로",
    "주로",
)


# The copula keeps its 이 after a vowel in careful writing ("True이면" as well as "True면"); after a
# consonant the short form is wrong ("연습면"), which the check still catches.
COPULA_LONG_FORMS = ("이면", "이라서", "이라는", "이라고", "이어야")


def wrong_particles(text: str, nouns: set[str]) -> list[str]:
    wrong = []
    for part in fixed_parts(text):
        for match in re.finditer(PARTICLE_AT_END, part):
            before, written = part[: match.start()], match.group(1)
            word = re.search(r"[\uac00-\ud7a3]+$", before)
            if word:  # Hangul: check only a known noun written with its particle
                whole = word.group() + written
                if word.group() not in nouns or whole.endswith(WORDS_ENDING_LIKE_A_PARTICLE):
                    continue
            elif not re.search(r"[A-Za-z0-9_)\]>'\"`]$", before):
                continue
            fitted = korean.particle(before, written)
            if fitted != written and written not in COPULA_LONG_FORMS:
                wrong.append(f"{before[-30:]}{written} (should be {fitted})")
    return wrong


def test_every_particle_of_fixed_text_fits_the_word_before_it() -> None:
    """Not only after placeholders: "연습가" and "build_vocab([...])를" are as wrong as a wrong
    particle after a filled-in value (a call is read by its function's name)."""
    nouns = bare_korean_nouns()
    wrong = [f"{where}: {w}" for where, text in every_korean_text().items() for w in wrong_particles(text, nouns)]
    assert not wrong, "\n".join(wrong[:20])


def test_the_particle_check_catches_the_mistakes_of_issue_20() -> None:
    nouns = {"연습"}
    assert wrong_particles("가져다 쓰는 연습가 바뀌어", nouns)
    assert wrong_particles("이 연습는 0점이며", nouns)
    assert wrong_particles("`build_vocab([...])`를 부르세요", nouns)
    assert wrong_particles("nn.RNN(..., batch_first=True)는 읽습니다", nouns)
    assert not wrong_particles("최대 차이는 {x}이고 `make test`를 실행하는 연습이 {what}를", nouns)

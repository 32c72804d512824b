"""Korean particles after filled-in values: "(1, 2, 6)을", "1.656이", "코드 3으로", "ex10이라는".

A Korean particle depends on the sound the word before it ends with, which a template cannot
know when a value is filled in. A template writes either form right after a placeholder; `fill`
picks the one the value's final sound needs. The glossary (kata/i18n/locales/GLOSSARY.md) lists the
rules; grader_tests/test_korean_particles.py holds every template to them.
"""

from __future__ import annotations

import re
import string

# (after a final consonant, after a vowel): longest first, so 이어야 wins over 이.
PARTICLES: tuple[tuple[str, str], ...] = (
    ("이었고", "였고"),
    ("이어야", "여야"),
    ("이라는", "라는"),
    ("이라고", "라고"),
    ("이라서", "라서"),
    ("으로", "로"),
    ("이나", "나"),
    ("이면", "면"),
    ("과", "와"),
    ("을", "를"),
    ("은", "는"),
    ("이", "가"),
)

# Endings that read the same after any sound: a template may write them after a placeholder.
NEUTRAL: tuple[str, ...] = (
    "의",
    "에",
    "에서",
    "에게",
    "에는",
    "에도",
    "도",
    "만",
    "까지",
    "부터",
    "마다",
    "처럼",
    "보다",
    "입니다",
    "입니까",
    "인",
    "인지",
    "일",
    "이므로",
    "이고",
    "이며",
    "이었",
    "였",
    "번째",
    "번",
    "개",
    "초",
    "글자",
    "바이트",
    "행",
    "열",
    "단계",
    "시점",
    "차원",
    "층",
)

CLOSERS = ")]}>'\"`’”»」』"
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
RIEUL = 8  # index of ㄹ among Hangul final consonants

# Final consonant of each digit read in Sino-Korean: 영 일 이 삼 사 오 육 칠 팔 구.
DIGIT_FINAL = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ", "9": ""}
# Trailing zeros of a whole number: 10 십, 100 백, 1000 천, 10000 만 ... 억.
ZEROS_FINAL = {1: "ㅂ", 2: "ㄱ", 3: "ㄴ", 4: "ㄴ", 5: "ㄴ", 6: "ㄴ", 7: "ㄴ"}
# Latin letters spelled out (acronyms such as RNN, LSTM): 엘, 엠, 엔, 알 end in a consonant.
LETTER_FINAL = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
# English words whose Korean reading the spelling rules below get wrong.
WORD_FINAL = {
    "exit": "",
    "int": "",
    "list": "",
    "dict": "",
    "set": "ㅅ",
    "hot": "ㅅ",
    "out": "ㅅ",
    "check": "",  # 체크
    "lang": "ㅇ",  # KATA_LANG: 랭, a word, not spelled out
}
VOWELS = "aeiouy"


def final_sound(text: str) -> str | None:
    """The final consonant text ends with as read aloud ("" after a vowel), or None when it ends
    in nothing readable. Brackets written right after a word belong to that word, which decides:
    a call is read by its function's name ("build_vocab([...])" as 빌드 보캡, "sys.exit(3)" as
    엑시트), an aside by the word before it ("연습(build_vocab, make_batch)" as 연습). Otherwise
    closing brackets and quotes are skipped and the last thing inside is read ("(1, 2, 6)" as 육).
    Empty pairs of brackets are skipped too and the last word read decides ("(3, ())을" as 삼,
    "{'h_n': ()}을" as 엔, review 22); an empty pair that is the value itself, or a text of brackets
    only, is read as the brackets, 괄호 ("빈 튜플 ()를", "[[], []]를"). An empty string is read
    by the word before it (빈 문자열 '': 문자열)."""
    text = re.sub(r"(?<=[\uac00-\ud7a3]) ''$", "", text.rstrip())
    text = text.rstrip().rstrip("`'\"").rstrip()
    before = word_before_brackets(text)
    if before is not None:
        return final_sound(before)
    if EMPTY_PAIR_AT_END.search(text):  # the value is an empty pair itself: 괄호, 대괄호, 중괄호
        return ""
    text = text.rstrip(CLOSERS + " .,").rstrip()
    if text.endswith(("(", "[", "{")):  # the last thing inside was an empty pair: skip it
        return _after_empty_pairs(text)
    if not text:
        return None
    last = text[-1]
    if HANGUL_FIRST <= ord(last) <= HANGUL_LAST:
        final = (ord(last) - HANGUL_FIRST) % 28
        return "" if final == 0 else ("ㄹ" if final == RIEUL else "ㅇ")  # any consonant but ㄹ
    if last.isdigit():
        return _number_final(text)
    if last.isascii() and last.isalpha():
        word = re.search(r"[A-Za-z]+$", text)
        return _latin_final(word.group()) if word else None
    return None


EMPTY_PAIR = re.compile(r"\(\s*\)|\[\s*\]|\{\s*\}")
EMPTY_PAIR_AT_END = re.compile(r"(?:\(\s*\)|\[\s*\]|\{\s*\})$")


def _after_empty_pairs(text: str) -> str | None:
    """The final sound of what is read before the empty pairs text ends with, "" (괄호, 대괄호,
    중괄호) when nothing but brackets is left: "{'h_n': (" is read as 엔, "[[], [" as 괄호."""
    closed = text + {"(": ")", "[": "]", "{": "}"}[text[-1]]
    while EMPTY_PAIR.search(closed):
        closed = EMPTY_PAIR.sub("", closed)
    rest = closed.rstrip(CLOSERS + " .,:").rstrip()
    if not re.search(r"[0-9A-Za-z\uac00-\ud7a3]", rest):
        return ""
    return final_sound(rest)


def word_before_brackets(text: str) -> str | None:
    """The text before the round brackets text ends with, when they follow a word without a space
    ("ex01.build_vocab" for "ex01.build_vocab([...])", "연습" for "연습(build_vocab)"), else None."""
    if not text.endswith(")"):
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            before = text[:index]
            return before if before and not before[-1].isspace() and before[-1] not in "([{" else None
    return None


def _number_final(text: str) -> str | None:
    found = re.search(r"[0-9][0-9,]*(\.[0-9]+)?$", text)
    if found is None:
        return None
    number = found.group().replace(",", "")
    if "." in number:  # digits after a point are read one by one
        return DIGIT_FINAL[number[-1]]
    stripped = number.lstrip("0")
    if not stripped:
        return DIGIT_FINAL["0"]
    zeros = len(stripped) - len(stripped.rstrip("0"))
    if zeros == 0:
        return DIGIT_FINAL[stripped[-1]]
    return ZEROS_FINAL.get(zeros, "ㄱ")  # 억 and above


def _latin_final(word: str) -> str:
    if word.lower() in WORD_FINAL:
        return WORD_FINAL[word.lower()]
    spelled = not any(c in VOWELS for c in word.lower())  # lr, nn, rnn: read letter by letter
    if (word.isupper() and len(word) <= 4) or len(word) == 1 or spelled:  # an acronym: RNN, GRU
        return LETTER_FINAL.get(word[-1].lower(), "")
    w = word.lower()
    for ending, final in (
        ("ng", "ㅇ"),
        ("le", "ㄹ"),
        ("ll", "ㄹ"),
        ("me", "ㅁ"),
        ("ne", "ㄴ"),
        ("ck", "ㄱ"),
        ("ype", "ㅂ"),  # type, dtype: 타입
        ("out", "ㅅ"),  # timeout, layout: 아웃
    ):
        if w.endswith(ending) and len(w) > len(ending):
            return final
    last = w[-1]
    if last in "mn":
        return "ㅁ" if last == "m" else "ㄴ"
    if last == "l":
        return "ㄹ"
    if last in "kpb" and len(w) >= 2 and w[-2] in VOWELS:  # 스톱, 북, 보캡: stop, book, vocab
        return "ㄱ" if last == "k" else "ㅂ"
    if last == "t" and len(w) >= 3 and w[-2] in VOWELS and w[-3] not in VOWELS:  # 핫, 셋: hot, set
        return "ㅅ"
    return ""  # a vowel, or a consonant read with 으 after it: 스, 트, 드, 치, 지 ...


def particle(before: str, written: str) -> str:
    """The form of `written` (either form of one particle) that fits after `before`."""
    final = final_sound(before)
    for consonant_form, vowel_form in PARTICLES:
        if written in (consonant_form, vowel_form):
            if final is None:
                return written
            if consonant_form == "으로":  # ㄹ takes 로, like a vowel
                return vowel_form if final in ("", "ㄹ") else consonant_form
            return vowel_form if final == "" else consonant_form
    return written


def leading_particle(literal: str) -> tuple[str, str, str]:
    """Split a text that follows a placeholder into (closing marks, particle, rest); the particle
    is "" when the text does not start with one (after any closing brackets or quotes)."""
    marks = literal[: len(literal) - len(literal.lstrip(CLOSERS))]
    rest = literal[len(marks) :]
    forms = sorted((f for pair in PARTICLES for f in pair), key=len, reverse=True)
    for form in forms:
        if rest.startswith(form) and not rest.startswith(tuple(n for n in NEUTRAL if len(n) > len(form))):
            return marks, form, rest[len(form) :]
    return marks, "", rest


HANGUL_END = re.compile(r"[\uac00-\ud7a3]$")

# Python's type names as a Korean text says them (`{kind_got!t}`): "ndarray <(4,) float64>" left
# an English word in a Korean sentence. A name not here (a learner's class, float32) stays as it is.
TYPE_NAMES = {
    "ndarray": "numpy 배열",
    "Tensor": "텐서",
    "list": "리스트",
    "tuple": "튜플",
    "dict": "딕셔너리",
    "str": "문자열",
    "int": "정수",
    "float": "실수",
    "NoneType": "",  # "returned NoneType None": "None을 돌려줬습니다", no word before None (review 12)
}


def fill(template: str, values: dict[str, object]) -> str:
    """str.format, with each particle right after a placeholder fitted to what was filled in, and
    `{name!t}` a Python type's name said in Korean (TYPE_NAMES)."""
    formatter = string.Formatter()
    out: list[str] = []
    after_field = empty_type = False
    for literal, field, spec, conversion in formatter.parse(template):
        if empty_type and literal.startswith(" "):
            literal = literal[1:]  # an empty type word (None's): no double space
        empty_type = False
        if after_field and literal.startswith(".") and "".join(out).endswith((".", "!", "?")):
            literal = literal[1:]  # "오류 메시지: {error}." after an error that ends its own sentence
        if after_field and literal:
            marks, written, rest = leading_particle(literal)
            if written:
                literal = marks + particle("".join(out) + marks, written) + rest
        out.append(literal)
        after_field = field is not None
        if field is not None:
            value, _ = formatter.get_field(field, (), values)
            if conversion == "t":  # a type's name, said in Korean
                value, conversion = TYPE_NAMES.get(str(value), value), None
                empty_type = value == ""
            value = formatter.convert_field(value, conversion)
            text = formatter.format_field(value, formatter.vformat(spec or "", (), values))
            before = "".join(out)
            if text.startswith(" (") and (before.endswith(" ") or HANGUL_END.search(before)):
                text = text[1:]  # Korean writes an aside right after its word: "호출했습니다(파일 3번 줄)"
            out.append(_word_for_particle(text, literal_after(template, field)))
    return "".join(out)


EMPTY = {"[]": "빈 리스트 []", "()": "빈 튜플 ()", "{}": "빈 딕셔너리 {}", "''": "빈 문자열 ''"}


def literal_after(template: str, field: str) -> str:
    """The literal text right after the first `{field...}` in template ("" when none follows)."""
    found = re.search(r"\{" + re.escape(field) + r"(?:![a-z])?(?::[^{}]*)?\}([^{]*)", template)
    return found.group(1) if found else ""


def _word_for_particle(text: str, after: str) -> str:
    """A value a particle follows, with a word the particle can follow: an empty container is named
    ("빈 리스트 []를", not "[]을"), and a value cut short ("[-0.907...", "['h', 'e', ...]") is said to start
    with what is shown, so the particle is not guessed from where it was cut and the cut is said once
    ("[-0.907...로 시작하는 리스트를", not "[-0.907... 등을"). Inside a call's
    argument list ("build_vocab({words})이") the particle is the call's: the value stays code."""
    marks, written, _rest = leading_particle(after)
    if not written or any(mark in ")]>" for mark in marks):
        return text
    if text in EMPTY:
        return EMPTY[text]
    if text.endswith(("...", "…", "...]", "...)")):  # said once: "[1, 2, ...]로 시작하는 리스트를"
        return text + "로 시작하는 " + CUT_KINDS.get(text[:1], "값")
    return text


CUT_KINDS = {"[": "리스트", "(": "튜플", "{": "딕셔너리", "'": "문자열", '"': "문자열"}

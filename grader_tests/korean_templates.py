"""Descriptions filled into other messages (`{what}`), held to reading right once filled in: the
eleventh Korean review's class A. A `{what}` names either a call ("run_rnn(...)", "the RNN from
build_rnn(...), run on a batch") or a value a call returned ("run_rnn(...)'s outputs"); one
template for both gave "…이 돌려준 outputs가 돌려준 값의 모양이" and "…실행했을 때가 돌려준 h_n".
The checks in kata/testing/checks.py pick the wording by kind (`returned`, `worded`); these
functions find the faults in filled-in text and find every description in the grading sources,
so that the fast tier (grader_tests/unit/test_korean_templates.py) fills each receiving template
with each kind the code passes.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

from kata import ROOT
from kata.core.grading_files import PYTHON_SOURCES, matching

# Faults of a description in the sentence it went into, as the review found them.
KOREAN_FAULTS: dict[str, re.Pattern[str]] = {
    "a returned value said to return": re.compile(r"돌려준 [^ .]+[이가] 돌려준"),
    "a clause (…때) used as a noun": re.compile(r"때(?:[가이은는을를의]|의) "),
    "a call said to have a shape": re.compile(r"\)[은는이가] 모양[은이]"),
    "a call's shape, dtype or item (의)": re.compile(r"\)의 (?:모양|dtype|항목)"),
    "a value said to have its value's shape": re.compile(r"(?:outputs|h_n|리스트|로짓)[은는이가] 돌려준 값"),
}
ENGLISH_FAULTS: dict[str, re.Pattern[str]] = {
    "a returned value said to return": re.compile(r"'s (?:outputs|h_n|losses) returned"),
    "logits said to return": re.compile(r"logits of .*\) returned"),
}


def korean_faults(text: str) -> list[str]:
    """The class-A faults in a filled-in Korean message, named."""
    return [f"{name}: {m.group()}" for name, pattern in KOREAN_FAULTS.items() for m in pattern.finditer(text)]


def english_faults(text: str) -> list[str]:
    """The same faults in a filled-in English message."""
    return [f"{name}: {m.group()}" for name, pattern in ENGLISH_FAULTS.items() for m in pattern.finditer(text)]


SENTENCE_END = re.compile(r"[.:;!?](?:\s|\{|$)")


def is_description(template: str) -> bool:
    """A template that names something to fill into another message, not a message itself: it
    holds `{what}` and ends no sentence ("{what}'s outputs", "{what} run on a batch")."""
    return "{what}" in template and not SENTENCE_END.search(template)


def descriptions_in_sources() -> dict[str, bool]:
    """Every description `_()` builds in the grading sources, with whether the source marks it
    as a returned value (`returned(_("{what}'s outputs", ...))`)."""
    paths = matching(PYTHON_SOURCES, ROOT)
    return dict(read_descriptions(tuple((path, path.stat().st_mtime_ns, path.stat().st_size) for path in paths)))


@functools.cache  # three tests ask: the sources are parsed once per version of them
def read_descriptions(sources: tuple[tuple[Path, int, int], ...]) -> tuple[tuple[str, bool], ...]:
    found: dict[str, bool] = {}
    for path, _mtime, _size in sources:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        marked: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "returned" and node.args:
                marked.add(id(node.args[0]))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and is_description(node.args[0].value)
            ):
                text = node.args[0].value
                found[text] = found.get(text, False) or id(node) in marked
    return tuple(found.items())


def names_a_returned_value(english: str) -> bool:
    """An English description that names a part of what a call returned, not the call."""
    return bool(re.match(r"\{what\}'s |the \w+ of \{what\}", english))


KOREAN_CLAUSE_END = re.compile(r"(?:때|면|고|서|며|니다|다)$")


def korean_clause(text: str) -> bool:
    """A Korean description that ends as a clause ("…실행했을 때"), not as a noun phrase."""
    return bool(KOREAN_CLAUSE_END.search(text.rstrip()))


# The eleventh review's other classes, each as a pattern with the sentence it found (B: subject
# and predicate, C: meaning, D: naturalness, E: terms). A pattern names the class where one can
# (-게 되다, 멈추게 하다 for a crash); the test holds every Korean text and README.ko.md to them.
REVIEWED: dict[str, tuple[str, str]] = {
    "B: outputs said to compute": (
        r"상태여야 하고, [^.]*계산해야 합니다",
        "은닉 상태여야 하고, RNN 자신의 가중치로 계산해야 합니다.",
    ),
    "B: a rule without its subject": (
        r"없이 호출하면 [^.]*써야 합니다",
        "num_layers와 batch_first 없이 호출하면 기본값을 써야 합니다.",
    ),
    "B: two subjects (이 … 이)": (
        r'"[a-z]"이 [^.]*과 다른 출력이',
        '두 번째 "l"이 첫 번째 "l"과 다른 출력이 나오는 것도',
    ),
    "C: the solution wrote the code": (
        r"그 답안이 작성한 코드",
        "모범 답안과, 그 답안이 작성한 코드와 어떻게 다른지를",
    ),
    "C: the cell fills it in": (r"설정 셀이 무엇을 채울지", "(설정 셀이 무엇을 채울지 알려 줍니다)"),
    "C: an item is not an array": (
        r"항목은 numpy 배열",
        "항목은 numpy 배열, float나 bool이 아닌 Python 정수여야 합니다.",
    ),
    "C: a seed given, not chosen": (r"seed를 정하", "seed를 정하고 데이터를 만든 다음"),
    "D: said twice": (r"앞뒤\(양 끝\)|양 끝\(앞뒤\)", "단어 앞뒤(양 끝)의 공백까지"),
    "D: a place before its subject": (r"CPU에서 학습은", "CPU에서 학습은 1초도 안 걸립니다."),
    "D: a means cut off by a comma": (
        r"출력을 가중치로,",
        "nn.RNN의 출력을 가중치로, 시점마다 도는 반복문을 써서 계산하기",
    ),
    "D: -게 되다 (translationese)": (r"게 (?:됩니다|되었습니다|된다)", "다른 문자를 뜻하게 됩니다."),
    "E: a crash is 비정상 종료": (r"멈추게 하", "프로그램을 끝내거나 멈추게 하면 안 됩니다."),
    "E: Python 정수, not Python의 정수": (r"Python의 (?:정수|실수)", "Python의 정수가 아닙니다."),
    # Review 12. 2.2: a comma between a subject (…이/가) and its predicate, an English clause comma;
    # not a noun that ends in 이 (길이, 높이) in a list, nor "X이, Y면 Z이" (two parallel clauses).
    "12 2.2: a comma after the subject": (
        r"[\uac00-\ud7a3](?<![길높깊넓])[이가], (?!(?:[^.\n]|\.\S)*면 )(?:[^.\n]|\.\S)*?다(?:\.|\(|$)",
        "모델이 배우는 원-핫 열과 타깃이, predict가 받는 어휘(…)와는 다른 문자를 뜻합니다.",
    ),
    "12 2.1: the loss computation called": (
        r"손실 계산, backward",
        "반복마다 zero_grad, 손실 계산, backward, step 순서로 호출하세요.",
    ),
    "12 2.3: a relative clause set off by a comma": (r"배치를 받은, ", "(3, 5, 4) 배치를 받은, {what}이 만든 RNN"),
    "12 2.3: a batch becomes an output": (r"배치가 [^.]*출력이 된다", "노트의 배치가 배치 우선 (3, 5, 2) 출력이 된다"),
    "12 2.3: a locative in a label": (r"양 끝에 공백(?!이)", "양 끝에 공백"),
    "12 2.3: 쓰다 twice in a clause": (
        r"를 쓰거나 [^.,]*을 쓰",
        "torch.Tensor(a)나 .float()를 쓰거나 float32 배열을 쓰세요.",
    ),
    "12 2.3: a type word before None": (r"값 None", "…가 값 None을 돌려줬습니다."),
    "12 2.6: 강의 (the lecture series) for this kata's repository": (
        r"강의 저장소",
        "위 KATA_REPOSITORY에 강의 저장소(owner/name)를 적고 이 셀을 다시 실행하세요.",
    ),
    "12 2.4: a rule without its subject": (
        r"입니다\. (?:nn\.RNN 가중치와 같은 float32|처음 값의 절반)",
        "dtype이 float64입니다. nn.RNN 가중치와 같은 float32여야 합니다.",
    ),
    # Review 13. 2.2: one word twice in a message ("돌려준 값은 … 값이 틀립니다. 돌려준 값은 …"), and a
    # rule given as its own reason ("이 연습에서 쓸 수 없습니다. … 이 연습에서 import할 수 있는 모듈이 아니기").
    "13 2.2: 값 said of 값": (r"값은 모양은 맞지만 값이", "{what}이 돌려준 값은 모양은 맞지만 값이 틀립니다."),
    "13 2.2: a cause that repeats the subject before it": (
        r"돌려준 값은 \w+를 쓴 결과",
        "돌려준 값은 sigmoid를 쓴 결과입니다. nn.RNN의 기본 비선형 함수는 tanh입니다.",
    ),
    "13 2.2: the rule as its own reason": (
        r"이 연습에서 import할 수 있는 모듈이 아니",
        "{module}은 이 연습에서 import할 수 있는 모듈이 아니기 때문입니다.",
    ),
    # 2.3: a sentence with no subject, or a word-for-word "the whole"; 2.7: a reason that does not follow.
    "13 2.3: 전체는 (the whole) names no noun (값 전체는)": (
        r"(?:^|\. )전체는 [^.]*여야",
        "{what}에서 항목 {index}가 …입니다. 전체는 {described}여야 합니다.",
    ),
    "13 2.3: a shape without its subject": (r"실제 nn\.RNN에서는 \S+입니다", "실제 nn.RNN에서는 {shape}입니다."),
    "13 2.3: a tuple rule without its subject": (
        r"(?:입니다|아닙니다)\. 연습 설명대로 \S+ 같은",
        "{what}가 {value}입니다. 연습 설명대로 {shape} 같은 정수 튜플이어야 합니다.",
    ),
    "13 2.7: compared with tensor.shape, so": (
        r"tensor\.shape와 비교하므로",
        "모양은 tensor.shape와 비교하므로 (3, 5, 4) == [3, 5, 4]는 False입니다.",
    ),
    # 2.5: one idea, one wording (따옴표로 감싼, 연습 설명에 적힌, {index} 위치의 값).
    "13 2.5: 따옴표에 싸여 (따옴표로 감싼)": (r"따옴표에 싸", "메시지에는 문자 자체가 따옴표에 싸여 들어가야 합니다."),
    "13 2.5: 연습 설명에 있는 (적힌)": (r"연습 설명에 있는 이름", "함수 이름을 연습 설명에 있는 이름으로 바꾸세요."),
    "13 2.5: 위치 X의 값 (X 위치의 값)": (
        r"위치 (?:\{index\}|\[[^\]]*\])의 값",
        "{what}: 위치 {index}의 값이 {value}으로, [-1, 1]을 벗어났습니다.",
    ),
    # 2.1: a particle after hand-written code (nn.RNN(...)은, 알엔엔); 2.4: a description built around a
    # bracketed clause ("…이 만든 RNN((3, 5, 4) 배치를 넣어 실행)이 돌려준 h_n").
    "13 2.1: 로 after nn.RNN(...) (알엔엔, 으로)": (
        r"nn\.RNN\([^()]*\)로",
        "nn.RNN(..., device=device)로 만들거나 만든 뒤 .to(device)를 호출합니다.",
    ),
    "13 2.4: a description around a bracketed clause": (
        r"RNN\([^()]*(?:\([^()]*\))?[^()]*넣어 실행\)",
        "{what}이 만든 RNN((3, 5, 4) 배치를 넣어 실행)",
    ),
    # The fourteenth review: a hint that asks (-세요) goes on to describe (…둡니다), and a result
    # said to return.
    "14 1: an instruction said as a statement": (
        r"(?:기본값 그대로 둡니다|배치를 건드리지 않습니다|\.to\(device\)를 호출합니다)",
        "nn.RNN의 다른 설정을 기본값 그대로 둡니다.",
    ),
    "14 2: a result said to return": (
        r"결과는 (?:nn\.RNN|[^.])*돌려줍니다",
        "결과는 nn.RNN의 순서대로 outputs를 먼저 돌려줍니다.",
    ),
    # The fourteenth review, class 2: the rnn read as the one that must act ({why} after "… 쓸 수 없습니다.").
    "14 2: the given rnn as the one that must": (
        r"받은 rnn은 [^.]*(?:어야|아야|해야) 하기 때문",
        "받은 rnn은 호출 중에도 그대로 두어야 하기 때문입니다.",
    ),
    # Class 3, faithfulness: a skip blamed on the learner's code; a cut output not said to be cut.
    "14 3: a skip blamed on the learner's code": (
        r"작성한 코드가 테스트를 건너뛰",
        "{doing}을 실행하는 동안 작성한 코드가 테스트를 건너뛰게 했습니다.",
    ),
    "14 3: a cut output not said to be cut": (
        r"\[\.\.\. \{count\}바이트",
        "[... {count}바이트가 더 출력되었지만 보관하지 않았습니다.]",
    ),
    # Class 4, one word twice in a phrase.
    "14 4: 모범 답안 twice": (
        r"모범 답안과, 작성한 코드",
        "연습을 통과하면 모범 답안과, 작성한 코드가 모범 답안과 어떻게 다른지를 보여 줍니다.",
    ),
    "14 4: 입력 twice": (r"이 입력은 무작위 입력을", "(이 입력은 무작위 입력을 여러 개 시험해서 찾은 것 가운데 …)"),
    "14 4: the same 답": (r"같은 답", "build_vocab이 같은 답 {got}을 돌려줬습니다."),
    # Class 6: one term for the time limit (`--timeout`), as README.ko.md says it.
    "14 6: 주는 시간 (제한 시간)": (r"주는 시간|주는 제한 시간", "테스트 하나에 주는 시간(초)입니다."),
    # Review 15, class 4: "may import" is a permission, not a need.
    "15 4: may import as 필요한": (r"연습에 필요한 모듈", "{module}은 이 연습에 필요한 모듈이 아니기 때문입니다."),
    # Review 18: a stand-in class said to be one torch lacks (torch has an RNN), and a note to the
    # reader worded as a translator's note.
    "18 1: a class torch is said to lack": (r"torch에 없는 클래스", "{name} 속성의 torch에 없는 클래스 {kind}"),
    # Review 20: an English aside the English lacks, 말하다 for what a message holds, 걸리다 for stopped.
    "20 1: (skip) after 건너뛰었습니다": (r"건너뛰었습니다\(skip\)", "도중에 테스트를 건너뛰었습니다(skip)."),
    "20 2: a message that 말하다": (r"단어만 말하면|잘못되었는지 말하는 ValueError", "단어만 말하면 어느 문자가"),
    "20 3: 걸리다 for was stopped": (r"채점 규칙에 걸렸", "{what}이 채점 규칙에 걸렸습니다{where}."),
    # Review 22: a name said twice, thanks for effort where the English praises, 그대로 twice in one
    # paragraph, and README.ko.md dropping what README.md says (class 1).
    "22 4: 이름 twice (이름을 … 이름으로)": (
        r"이름을 [^.]*적힌 이름으로",
        "이름을 연습 설명에 적힌 이름으로 바꾸세요.",
    ),
    "22 q2: 수고하셨습니다 for Well done": (r"수고하셨습니다", "모든 연습을 통과했습니다. 수고하셨습니다!"),
    "22 q6: 그대로 twice in one paragraph": (
        r"그대로(?:(?!\n\s*\n)[\s\S])*?그대로",
        "rnn에 배치를 그대로 넣지 말고 to_time_major(batch)를 넣으세요. 그대로 넣으면 rnn이 잘못 읽습니다.",
    ),
    "22 1: setup's comment without make install": (
        r"kata setup +# \./\.venv를 만듭니다",
        "python -m kata setup    # ./.venv를 만듭니다",
    ),
    "22 1: the instructions without what they hold": (
        r"연습 설명을 읽은 뒤",
        "`make test`가 가리키는 파일을 열고 `make explain EX=ex01`로 연습 설명을 읽은 뒤,",
    ),
    # Review 27: a help row vaguer than its siblings, a {change} fragment without its subject,
    # 의존성 beside 필요한 패키지, 넣다 for an input given to a call.
    "27 A: whose code the help row compares": (
        r"모범 답안을 코드와",
        "통과하면 모범 답안을 코드와 비교해 보여 줍니다.",
    ),
    "27 B: a change of device without its subject": (
        r"^호출 전에는 \{was\} 장치에",
        "호출 전에는 {was} 장치에 있었고 호출 뒤에는 {now} 장치에 있습니다",
    ),
    "27 C: 의존성 beside 필요한 패키지": (r"의존성", "# make install과 같은 의존성으로 ./.venv를 만듭니다"),
    "27 D: 넣다 for an input to a call": (
        r"to_time_major\(batch\)를 넣(?!어 실행)",  # "… 넣어 실행하고" is the house phrase
        "rnn에 배치 자체가 아니라 to_time_major(batch)를 넣으세요.",
    ),
    "18 2: a translator's note left in the text": (
        r"노트북은\s*노트가 아니라",
        "노트북은 노트가 아니라 이 kata의 kata.ipynb를 가리킵니다.",
    ),
}


def reviewed_faults(text: str) -> list[str]:
    """The eleventh review's findings (REVIEWED) in a Korean text."""
    return [f"{name}: {m.group()}" for name, (pattern, _old) in REVIEWED.items() for m in re.finditer(pattern, text)]


def uneven_list(text: str) -> list[str]:
    """A numbered list laid out two ways (review 11, G.1: ex01's items 1 and 2 set off by blank
    lines, item 3 run on after item 2): after the first, every item has a blank line before it,
    or none has."""
    lines = text.splitlines()
    items = [i for i, line in enumerate(lines) if re.match(r"\d+\. ", line) and not line.startswith("1. ")]
    spaced = {i for i in items if i > 0 and not lines[i - 1].strip()}
    return [lines[i] for i in items if i not in spaced] if spaced and spaced != set(items) else []


# Review 12, class 2.5: GLOSSARY.md's enumeration rule. A list the English joins with "and" or
# "or" ends in 와/과 or (이)나 before its last item in Korean ("A, B와 C", "A, B나 C"), never a
# bare comma list ("zero_grad(), backward(), step()을 호출하는지").
ENGLISH_LIST = re.compile(
    r"\w[^,.:;]{0,30}, (?:[^,.:;]{1,30}, )*[^,.:;]{1,30},? (?:and|or) \S"
    r"|[^\s,]+, [^\s,]+(?:, [^\s,]+)*,? (?:and|or) \S"
)
BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|<[^<>]*>")
KOREAN_RUN = re.compile(r"[^\s,]+(?:, [^\s,]+){2,}")
JOINED = re.compile(r"(?:와|과|나)$")
# An item before a comma that ends a clause or takes a case particle is no list item
# ("초기화하거나, 학습시키거나, 바꿔", "hidden_size=X으로, 두").
NOT_AN_ITEM = re.compile(r"(?:으로|로|을|를|은|는|고|서|며|면|거나|지만)$")


def bare_lists(english: str, korean: str) -> list[str]:
    """The comma lists of three or more items in `korean` with no 와/과/(이)나 before the last,
    where `english` joins a list with "and" or "or"; a run the English leaves bare as well
    ("h, e, l, o") is not one. A joiner (" and ") must not become a bare comma either."""
    if english.strip() in ("and", "or"):
        return [] if JOINED.search(korean.strip()) or korean.strip() in ("와", "과", "나") else [korean]
    if not ENGLISH_LIST.search(english):
        return []
    text = re.sub(r"\{[^{}]*\}", "X", korean)
    for _ in range(3):
        text = BRACKETED.sub("", text)
    found = []
    for run in KOREAN_RUN.findall(text):
        *items, last = run.split(", ")
        if JOINED.search(last) or any(NOT_AN_ITEM.search(item) for item in items):
            continue
        if ", ".join([*items, re.sub(r"[\uac00-\ud7a3]+$", "", last)]) in english:
            continue
        found.append(run)
    return found

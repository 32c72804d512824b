"""The classes of Korean defect a program can see, as a publisher's technical editor marks them
(issue 30): each check takes one Korean text and returns what it found, so the same checks run
over the catalogue, the notebook's Korean parts and the glossary (grader_tests/unit/test_korean_style.py)
and can be shown to fail on the texts the review graded.

What a program cannot see (meaning, a sentence without its predicate, a colon that runs on) is
left to review; kata/i18n/locales/GLOSSARY.md says how to write it.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path

from kata import ROOT
from kata.i18n import as_catalog, po

HANGUL = re.compile(r"[\uac00-\ud7a3]")
GLOSSARY = ROOT / "kata" / "i18n" / "locales" / "GLOSSARY.md"
NOTEBOOK = ROOT / "kata.ipynb"
CATALOGUE = ROOT / "kata" / "i18n" / "locales" / "ko.po"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_.]*(?::[^{}]*)?\}")
CODE_SPAN = re.compile(r"``[^`\n]*``|`[^`\n]*`")  # reStructuredText's double backticks too (the stubs)


def korean_texts(catalogue: Path | None = None) -> dict[str, str]:
    """Every Korean text the kata shows, by where it comes from: each catalogue entry (messages,
    titles, tasks, hints, instructions) and each Korean line of the notebook. README.ko.md is not
    here: see README_KO below."""
    path = catalogue or CATALOGUE
    return dict(read_korean_texts(path, stamp(path), stamp(NOTEBOOK)))


def stamp(path: Path) -> tuple[int, int]:
    """What changes when a file is written: read_korean_texts reads the files again then."""
    found = path.stat()
    return found.st_mtime_ns, found.st_size


@functools.cache  # each check of the fast tier reads them all: parsed once (28 parses took 2.4 s)
def read_korean_texts(catalogue: Path, *_stamps: tuple[int, int]) -> dict[str, str]:
    """korean_texts, read from the files as they are now."""
    entries = po.parse(catalogue.read_text(encoding="utf-8"))
    shown = as_catalog(entries)
    texts = {f"message: {english}": text for english, text in shown["messages"].items()}
    for name, fields in shown["exercises"].items():
        for field, value in fields.items():
            if isinstance(value, dict):  # test hints, by test
                texts.update({f"exercises.{name}.{field}.{test}": text for test, text in value.items() if text})
                continue
            for number, text in enumerate(value if isinstance(value, list) else [value], start=1):
                if text:
                    texts[f"exercises.{name}.{field}" + (f".{number}" if isinstance(value, list) else "")] = text
    texts.update({f"instructions.{name}": text for name, text in shown["instructions"].items()})
    texts.update(notebook_korean())
    return texts


def notebook_korean(path: Path = NOTEBOOK) -> dict[str, str]:
    """The notebook's Korean: each line with Hangul in it, by cell."""
    found = {}
    for number, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
        for line_number, line in enumerate("".join(cell["source"]).splitlines(), start=1):
            if HANGUL.search(line):
                found[f"kata.ipynb cell {number} line {line_number}"] = line.strip().lstrip("# ")
    return found


def prose(text: str) -> str:
    """The text with code taken out: backticked spans, placeholders, indented code lines (four
    spaces or more in instructions) and lines of the shape drawings."""
    kept = []
    for line in text.splitlines():
        if line.startswith("    ") and not HANGUL.search(line):
            continue
        kept.append(line)
    return PLACEHOLDER.sub(" ", CODE_SPAN.sub(" ", "\n".join(kept)))


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


# --- 1. The first person: 내 코드 from the tool reads as the tool's own code. ---
FIRST_PERSON = re.compile(r"(?<![\uac00-\ud7a3A-Za-z0-9_])내 (?=[\uac00-\ud7a3])")


def first_person(text: str) -> list[str]:
    """내 before a noun (내 코드, 내 컴퓨터, the old label 내 결과): say 작성한 코드, 여러분의
    컴퓨터, 돌려준 값 (the label under 정답 in the shape drawing, GLOSSARY.md)."""
    return [m.group() + text[m.end() : m.end() + 6] for m in FIRST_PERSON.finditer(prose(text))]


# --- 2. 정답 is banned (issue 30's eighth review): the expected value is 올바른 값 (올바른 모양, …). ---
def expected_misused(text: str) -> list[str]:
    """정답 anywhere: it reads as "the answer key" and was said of targets, dtypes and hints. Say
    "올바른 값은 …입니다" (올바른 모양, 올바른 어휘), or "…여야 합니다" with its subject."""
    return [sentence[:80] for sentence in sentences_of(text) if "정답" in sentence]


# --- 2b. A sentence without its subject (issue 30's eighth review): after "올바른 값은 X입니다", a
# cause that starts "…를 쓴 결과입니다." reads as said of the value before it. ---
CAUSE_OR_RULE = re.compile(  # …과 같습니다: "SGD의 반복과 같습니다." (the ninth review); "다음과 같습니다" shows what follows
    r"(?:결과|값|모양|어휘|것|합|실수|때문|이어야 합니다|여야 합니다|있어야 합니다|와 같습니다|(?<!다음)과 같습니다)"
    r"(?:입니다)?[.)]*$"
)
# an aside that closes the sentence ("…여야 합니다(np.array(rows, dtype=np.float32)).") is left out
FINAL_ASIDE = re.compile(r"(니다)\((?:[^()]|\([^()]*\))*\)\.")
SUBJECT = re.compile(r"\S(?:은|는|이|가|도|만),?$")


def subjectless(where: str, text: str) -> list[str]:
    """A sentence that says what a value is or must be ("…를 쓴 결과입니다.", "…여야 합니다.") with
    no word marked as its subject (은/는/이/가/도): name it ("돌려준 값은 …", "손실은 …여야 합니다").
    Fragments (a title, a text filled into another) are left alone."""
    english = where[len("message: ") :] if where.startswith("message: ") else ""
    if where.endswith((".title", ".task")) or is_test_title(where) or english[:1].islower():
        return []
    body = PLACEHOLDER.sub("X", CODE_SPAN.sub("X", FINAL_ASIDE.sub(r"\1.", text)))
    body = " ".join(line for line in body.splitlines() if not line.startswith("    "))
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(body.split())):
        sentence = sentence.strip().removeprefix("(")
        if not CAUSE_OR_RULE.search(sentence):
            continue
        plain = re.sub(r"\([^()]*\)(?=[은는이가도만])", "X", sentence)  # "CharRNN(...)은": a subject
        plain = re.sub(r"\([^()]*\)", " ", plain)
        plain = re.sub(r"\S+[이가] 아니[라고]", " ", plain)  # "평균이 아니라 합입니다": a complement, not a subject
        if not any(SUBJECT.search(word) for word in plain.split()[:-1]):
            found.append(sentence[:80])
    return found


# --- 3. Translationese: English structure under Korean words. ---
TRANSLATIONESE = {
    r"(?:을|를) 가진": "~를 가진 (have): ~가 있는, ~로 된",
    r"배치에 (?:넣어 )?실행": "배치에 실행 (run on a batch): 배치를 넣어 실행",
    r" 및 ": '" 및 " for "and": 와/과, 그리고',
    r"따로 말하지 않으면": "따로 말하지 않으면 (unless told): 기본값으로는, 설정하지 않으면",
    r"되게 되": "되게 되는데: 되는데",
    r"(?<![\s(])의 [^\s.,:;()]+의 [^\s.,:;()]+의 ": "의 three times in a row: rephrase",
    r"에 대해 ": "에 대해 (about/over): rephrase",
    r"하는 것이 가능": "하는 것이 가능 (it is possible to): 할 수 있",
    r"을 통해|를 통해": "~를 통해 (through): ~로",
    r"끝과 끝으로": "끝과 끝으로 (end to end): 한 줄로",
    r"하게 되는데": "~하게 되는데: ~하므로",
    r"(?<![0-9])0인 (?:은닉 상태|h_0|h\b)": "0인 은닉 상태 (a zero state): 0으로 채운 은닉 상태",
    r"하나씩 든": "~가 하나씩 든 리스트: ~가 하나씩 있는 리스트",
    r"호출 중에(?!도)|호출이 실행 중에": "{what} 호출 중에: {what}이 실행되는 동안, {what}이 실행 중에",
    r"만 됩니다": "~만 됩니다 (only ~ is allowed): ~만 할 수 있습니다",
    r"있는 곳에서": "where it is: 그 RNN이 있는 장치에서",
    r"맞다(?=$|\n)": "a title ending 맞다 (is right): 올바른 값을 돌려준다",
    r",\s+또는\s": "A, B, 또는 C (A, B, or C): A, B나 C",
    r",\s+그리고\s": "A, B, 그리고 C (A, B, and C): A, B와 C",
    r"(?<![\uac00-\ud7a3])그 (?:[^.\n]*?(?<![\uac00-\ud7a3])그 ){2}": "그 three times in a sentence: name the things",
    r"하나는 이것입니다": "Either: ... Or: ... as 하나는 이것입니다: 원인은 둘 중 하나입니다. (1) ... (2) ...",
    r"마다의 ": "~마다의 (at every ~): 시점마다 마지막 층이 계산한 은닉 상태",
    r"\(순서 ": "어휘(순서 [...]): 정렬한 어휘 ['e', ...]로",
    r"(?<![\s(])의 [A-Za-z_]+의 ": "X의 outputs의 모양: X가 돌려준 outputs의 모양",
    r"의 모델\([^()]*의 모델\)": "the model (the model of X): X가 돌려주는 모델",
    r"클래스가 아님": "(torch의 클래스가 아님): (torch가 아닌 직접 만든 클래스)",
    r"잘라 낸 단어": "잘라 낸 단어들의 어휘: 단어 양 끝의 공백을 잘라 내고 만든 어휘",
    r"맨 위 수준|파일 맨 위": "top level of the file: 함수 밖(모듈 최상위)",
    r"인정되지 않습니다": "does not count: ~로는 통과하지 못합니다",
    r"KATA_LANG의 언어로": "in the language of KATA_LANG: (KATA_LANG=ko면 한국어)",
    r"아니라 [^.]*(?:을|를) 찾았습니다": "`import x`이 ...를 찾았습니다: `import x`로 불러온 것은 ...입니다",
    r"어느 컴퓨터에나 있는": "on every machine (meta device): 받은 장치가 meta 장치여도",
    r"이어 붙었습니다": "단어들이 이어 붙었습니다: 단어를 이어 붙였습니다",
    r"seed는 같은 손실을": "같은 seed는 같은 손실을 돌려준다: 같은 seed면 같은 손실이 나온다",
    r"(?<![\uac00-\ud7a3] )멈출 때 ": "멈출 때 (who stopped?): 채점기가 중단했을 때",
    r"입력하는 그대로": "each as you type it: 입력할 형태 그대로",
    r"노트북만 따로 열렸": "this notebook came alone: kata 폴더 없이 노트북만 열었습니다",
    r"(?:json|파일|결과)(?:을|를) 씁니다|쓸 파일|어디에 쓸지": "쓰다 for writing a file (reads as use): 저장하다",
    r"개짜리": "a noun stack (시퀀스 5개짜리 배치 하나의 시점 3개로): 시퀀스 5개로 된 배치 하나를 시점 3개에 걸쳐",
    # the tenth review
    r"새 첫 축": "along a new first axis (새 첫 축): 새로 만든 첫 축(축 0)을 따라",
    r"로 텐서로 바꾸": "make it a tensor with ... (…로 텐서로 바꾸세요): …로 텐서를 만드세요",
    r"원-핫 단어": "one-hot words (원-핫 단어): 단어를 원-핫으로 인코딩해",
    r"순서를 잊어버리": "a set forgets the order (순서를 잊어버리는): 순서를 지키지 않는 set()",
    r"(?:로|으로) 눌러": "squashes with tanh (tanh로 눌러서): 헤드의 출력을 tanh에 통과시켜서",
    r"(?<![0-9])1번 반복": "after step 1 (1번 반복, read as step no. 1): 한 번 반복",
}


def translationese(text: str) -> list[str]:
    body = prose(text)
    found = [f"{m.group()!r}: {hint}" for pattern, hint in TRANSLATIONESE.items() for m in re.finditer(pattern, body)]
    # a count filled in before 번 반복 that can be 1 ("{steps}번 반복" read "step no. 1"): fill in 한 번 / N번
    return found + [m.group() for m in re.finditer(r"\{steps\}번 반복", text)]


# --- 4. 하다 written apart from the Latin word it makes a verb of: transpose 하세요, not beside reshape한. ---
HADA = "하세요|하십시오|합니다|했습니다|했고|했는지|하면|하고|해서|해도|하는|한다|한 뒤|한 다음|할 수|하려면|하지"
SPACED_HADA = re.compile(r"[A-Za-z0-9_)\]`'\"]\s+(?:" + HADA + r")(?![\uac00-\ud7a3])")


def spaced_hada(text: str) -> list[str]:
    body = PLACEHOLDER.sub("X", text)  # "{kind}(...) 하세요" is spaced whatever is filled in
    return [body[max(0, m.start() - 20) : m.end()] for m in SPACED_HADA.finditer(body)]


# --- 5. One arrow: "->", as the English and the code write it. ---
def arrows(text: str) -> list[str]:
    return [text[max(0, m.start() - 20) : m.end() + 10] for m in re.finditer("→|⟶|=>", text)]


# --- 6. Punctuation: every sentence ends with its period, once. ---
TITLE_CONTEXT = "title"


def missing_period(where: str, text: str, *, title: bool = False) -> list[str]:
    """A sentence that ends a text or a paragraph without its period ("...있습니다", "...하세요");
    test titles (one line, "-다" with no period, like the English) are left alone."""
    if title:
        return []
    found = []
    lines = text.splitlines()
    for index, line in enumerate(lines):
        stripped = line.rstrip()
        next_line = lines[index + 1].strip() if index + 1 < len(lines) else ""
        ends_paragraph = (
            not next_line
            or re.match(r"(\d+\.|-|\*) ", next_line) is not None
            or (index + 1 < len(lines) and lines[index + 1].startswith("    "))
        )
        if re.search(r"[\uac00-\ud7a3](다|요)$", stripped) and ends_paragraph:
            found.append(stripped[-40:])
    return found


def bracket_after_period(text: str) -> list[str]:
    """A bracket that opens after a sentence's period ("…쓰세요. (파일: …)"): it belongs to the
    sentence before, "…쓰세요(파일: …)." A numbered item ("(1) …") starts a sentence and is fine."""
    return [m.group() for m in re.finditer(r"[\uac00-\ud7a3]\.\s?\((?!\d\))[^()]{0,12}", text)]


LIST_OUT_OF_ORDER = re.compile(
    r"(?<![\uac00-\ud7a3])(?!하나|언제나|어디나|누구나)([^\s(]+(?:이나|나)) "
    r"((?:[^\s,.()\[\]]+ ){0,3}(?:[^\s,()\[\]]|\(\))+), (?=\S)"
)


def list_out_of_order(text: str) -> list[str]:
    """A list whose 나 joins the first two items ("복사본이나 .detach(), .data"): Korean joins the
    last two, "복사본, .detach()나 .data" (the glossary's "A, B나 C")."""
    return [m.group() for m in LIST_OUT_OF_ORDER.finditer(PLACEHOLDER.sub("X", text))]


def doubled_period(text: str) -> list[str]:
    """A period on both sides of a location or aside: "...입니다. (file 3번째 줄)."."""
    return [m.group() for m in re.finditer(r"[\uac00-\ud7a3]\.\s?\([^()]*\)\.", text)]


# --- 7. English in Korean output: a word of English prose that is not code or a name. ---
CODE_WORDS = set(
    """RNN GRU LSTM Linear Adam SGD CrossEntropyLoss MSELoss NLLLoss CharRNN tanh relu sigmoid softmax log torch numpy
    Python PyTorch kata make test watch hint explain solution reset list setup install check dtype float float32
    float64 int bool str transpose reshape view seed set dict tuple import exit raise meta cpu cuda mps CPU GPU
    batch_first autograd argmax zero_grad backward step head Module nn one_hot hihello ihello hihell hello eolll
    lleel ilello docstring Ctrl ValueError NotImplementedError TypeError RuntimeError IndexError AssertionError
    Error StopIteration SIGABRT SIGSEGV SIGKILL SIGBUS SIGFPE SIGTERM abort ctypes sys os pip venv root Unix Debian
    Ubuntu Windows PowerShell macOS Linux Colab Jupyter GitHub Classroom Gradescope README Poedit Weblate IMPL OUT FORCE EX TF32 KATA_LANG
    True False None while for in if not and or is reduction item detach data double from to of unsqueeze stack
    concatenate cat index zeros tensor array astype manual_seed optim optimizer parameters model loss logits
    outputs output input vocab words word text char steps lr bias_hh bias_ih weight_hh weight_ih h_n h_t h_prev
    seq_len hidden_size input_size num_layers batch_size vocab_size batch features abort exit cell python venv
    kill signals proc Ubuntu e g x y z a b c h e l o p q t i n N T W""".split()
)
ENGLISH_PHRASE = re.compile(r"(?<![A-Za-z_.\-/])[A-Za-z]{2,}(?: [A-Za-z]{2,})+(?![A-Za-z_.(\-/])")


def english_words(text: str) -> list[str]:
    """Runs of two or more plain English words that are not code: Korean prose says them in
    Korean. Code spans, placeholders, quotes, indented code lines and the English given at a
    term's first use ("은닉 상태(hidden state)") are left out."""
    body = prose(text)
    body = re.sub(r"(?<=[\uac00-\ud7a3])\([A-Za-z][A-Za-z -]*\)", " ", body)  # 시점(time step)
    body = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"|<[^<>\n]*>|\[[^\[\]\n]*\]", " ", body)
    found = []
    for m in re.finditer(r"(?<![A-Za-z0-9_.\-/=])[A-Za-z]+(?: [A-Za-z]+)+(?![A-Za-z0-9_(\-/=\[])", body):
        words = m.group().split()
        plain = [w for w in words if w not in CODE_WORDS and w.lower() not in CODE_WORDS and not w.isupper()]
        if len(plain) >= 2 or (plain and len(words) >= 3):
            found.append(m.group())
    # an English word beside a signal's name: "(abort, SIGABRT)" is "(중단, SIGABRT)"
    return found + [m.group() for m in re.finditer(r"\([a-z][a-z ]*, SIG[A-Z]+\)", text)]


# --- 8. One term per concept: the glossary's table says which word replaces which. ---
def glossary_rows() -> list[dict[str, str]]:
    rows, header = [], []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|") or line.startswith("| ---"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
        if not header:
            header = cells
            continue
        rows.append(dict(zip(header, cells)))
    return rows


def replaced_words() -> dict[str, str]:
    """Each word the glossary says not to use (backticked in its third column; `/.../` is a
    regular expression), with the term to use instead."""
    return {
        w: row["한국어"] for row in glossary_rows() for w in re.findall(r"`([^`]+)`", row.get("대신 쓰지 않는 말", ""))
    }


def word_pattern(word: str) -> str:
    return word[1:-1] if word.startswith("/") and word.endswith("/") and len(word) > 2 else re.escape(word)


def off_glossary(text: str) -> list[str]:
    return [
        f"{m.group()!r} (the glossary says {term})"
        for word, term in replaced_words().items()
        for m in re.finditer(word_pattern(word), text)
    ]


# --- 9. Register and counting: 해요체 among 합니다체; a zero-based step read as a count. ---
def register(text: str) -> list[str]:
    return [m.group() for m in re.finditer(r"[\uac00-\ud7a3]+(?:어요|아요|해요|예요|이에요|죠)[.!?]", text)]


def zero_based_count(text: str) -> list[str]:
    """0번 반복, 0번째, or a zero-based index filled in before 번 ("{step}번 반복", "{index}번 항목"):
    a step numbered from 0 reads as "done 0 times" or "the 0th". Say "반복 {step}", "항목 {index}"."""
    found = [m.group() for m in re.finditer(r"(?<![0-9])0번(?:째| 반복)", text)]
    return found + [m.group() for m in re.finditer(r"\{(?:step|index|row|i|t|b)\}번", text)]


RUN_ON_COLON = re.compile(  # the second sentence may hold code with dots ("torch.stack(...)")
    r"[\uac00-\ud7a3](?:니다|세요|요|다):\s(?![^.]*(?:->|==))(?:[^.\n]|\.(?=[A-Za-z0-9_(\[]))*?[\uac00-\ud7a3](?:니다|세요)[.(]"
)


def run_on_colon(text: str) -> list[str]:
    """A whole sentence, a colon, then another whole sentence ("…셉니다: 'A'와 'a'는 다른
    문자입니다."): end the first with a period. A colon before code or a list is fine."""
    found = [m.group()[:60] for m in RUN_ON_COLON.finditer(text)]
    # a test title: two plain sentences joined by a colon ("…바꾼다: [t, b] 원소는 batch[b, t]이다")
    return found + [m.group()[:60] for m in re.finditer(r"[\uac00-\ud7a3]다: [^:\n]*[\uac00-\ud7a3]다$", text)]


def semicolon(text: str) -> list[str]:
    """A semicolon joining a clause to Korean prose ("rnn(batch); 둘 다 돌려주세요"): Korean ends
    the sentence or joins with a connective ending instead."""
    return [m.group() for m in re.finditer(r"\S{0,12};\s+[\uac00-\ud7a3]+", prose(text))]


def copula_after_true(text: str) -> list[str]:
    """One form after True and False (트루, 펄스: a vowel): True면, True여도, never True이면."""
    return [m.group() for m in re.finditer(r"\b(?:True|False)이(?:면|어도|라야|어야)", text)]


def aside_in_title(where: str, text: str) -> list[str]:
    """An aside in brackets ("…(PyTorch의 meta 장치로 확인) …둔다") is a fragment in a one-sentence title."""
    if not is_test_title(where):
        return []
    return [m.group() for m in re.finditer(r"\([^()]*[\uac00-\ud7a3][^()]*\)", prose(text))]


LIST_ITEM = re.compile(r"(?m)^ *(?:\d+\.|-) (.+(?:\n {2,}(?!\s)\S.*)*)")


def item_without_predicate(text: str) -> list[str]:
    """A list item whose first sentence is a noun phrase ("1. build_vocab(words) -> … 담은 리스트.")
    where the items around it are sentences: say what the function does ("…리스트를 돌려줍니다.")."""
    found = []
    for match in LIST_ITEM.finditer(text):
        first = re.split(r"(?<=[.!?])\s", " ".join(match.group(1).split()))[0]
        first = re.sub(r"\([^()]*\)\.$", ".", first)  # an aside before the period: "합니다(None이면 CPU)."
        if first.endswith(".") and HANGUL.search(first) and not re.search(r"(?:다|요|까)\.$", first):
            found.append(first[-50:])
    return found


# A type's name before its value ("ndarray <(4,) float64>를"): `{kind_got!t}` says it in Korean
# (korean.TYPE_NAMES).
ENGLISH_TYPE_NAME = re.compile(r"\{(?:kind_got|type_got___name)\}|\{kind\} \{value\}|받은 \{kind\}")  # {kind}: a type
CODE_NAME_IN_KOREAN = re.compile(r"[A-Za-z0-9]+_[\uac00-\ud7a3]+")  # "float32_배열": a name is code or prose


# --- 10. Particles after code (issue 30): the particle a literal call takes is the one
# korean.particle gives it ("transpose(0, 1)를", read by its name), as after a filled-in value.
CALL_THEN_PARTICLE = re.compile(
    r"((?<![A-Za-z0-9_.])[A-Za-z_][A-Za-z0-9_.]*\([^()]*\))(을|를|은|는|이|가)(?![\uac00-\ud7a3])"
)


def particle_after_code(text: str) -> list[str]:
    from kata.i18n.korean import particle

    return [m.group() for m in CALL_THEN_PARTICLE.finditer(text) if particle(m.group(1), m.group(2)) != m.group(2)]


def empty_value_particle(text: str) -> list[str]:
    """A particle right after an empty container ("[]을"): name it (빈 리스트 []를)."""
    found = re.finditer(r"(?:(\S+) )?(?<![\w)\]])(?:\[\]|\(\))(?:을|를|이|가|은|는)", text)
    return [m.group() for m in found if m.group(1) not in ("리스트", "튜플", "딕셔너리")]


# --- 11. Punctuation around code (issue 30). ---
def glued_aside(text: str) -> list[str]:
    """A Korean aside glued to a call's closing bracket ("len(vocab)(float나 ...)", "...\")(vocab.index가"):
    it reads as a second call. Put the aside after a Korean word or make it a sentence."""
    text = re.sub(r"\]\([^()\s]*\)", "]", text)  # a Markdown link's address: "[a.md](a.md)(영어)" reads "a.md(영어)"
    return [m.group()[:40] for m in re.finditer(r"[A-Za-z0-9_'\"\]]\)\([^()]*[\uac00-\ud7a3][^()]*\)", text)]


def code_as_sentence(text: str) -> list[str]:
    """Code standing alone as a sentence (". .to(device or 'cpu')."): say what to do with it."""
    return [m.group() for m in re.finditer(r"\. \.?[A-Za-z_][\w.]*\([^()]*\)\.(?:\s|$)", text)]


def imperative_in_brackets(text: str) -> list[str]:
    """An imperative inside brackets after the verb ("...안 됩니다(... 지우세요)."): two sentences."""
    return [m.group()[-40:] for m in re.finditer(r"\([^()]*세요\)\.", text)]


def double_colon(text: str) -> list[str]:
    """Two colons in one short line ("다음: {path}: {task}"); a syntax error's "file N번째 줄: SyntaxError:
    message", Python's own layout, is not prose (its first label is not a Korean word)."""
    return [m.group() for m in re.finditer(r"(?<!번째 )[\uac00-\ud7a3]:\s\{\w+\}(?: [\uac00-\ud7a3]+)?:\s", text)]


def repeated_value(text: str) -> list[str]:
    """One filled-in value said twice in a phrase ("{char}처럼 따옴표로 감싼 문자 {char}")."""
    return [m.group() for m in re.finditer(r"(\{\w+\})처럼[^.{}]*\1", text)]


def descriptive_prohibition(text: str) -> list[str]:
    """ "...은 쓰지 않습니다." among imperatives: tell the learner, 쓰지 마세요."""
    if "세요" not in text:
        return []
    return [m.group() for m in re.finditer(r"\S+ 쓰지 않습니다[.)]", text)]


def bare_command(text: str) -> list[str]:
    """A command filled into a sentence without backticks ("지금 보려면 {command}를 실행하세요",
    "다시 실행하세요: {command}"): a command in prose is code, `{command}`; a label ("다음: {command}")
    shows it alone."""
    found = re.finditer(r"(?<!`)\{(?:command|setup|test)\}(?:을|를|로|으로|는|은|이|가)|실행하세요: \{command\}", text)
    return [m.group() for m in found]


# --- 12. A device (issue 30's eighth review): CPU in prose, torch's device string in code font. ---
DEVICE_STRING = re.compile(r"(?<![A-Za-z0-9_.+=/-])(?:cpu|cuda(?::\d+)?|mps)(?![A-Za-z0-9_])")
DEVICE_PLACEHOLDER = re.compile(r"(?:\bon|\bdevice|expected) \{(\w+)\}")


def device_string_in_prose(where: str, text: str) -> list[str]:
    """A torch device string ('cpu', cuda:0) outside code font, beside CPU in prose ("CPU에 있는
    배치", "(device or 'cpu')", "장치 cpu"), and a device filled in without backticks where the
    English says "on {device}": say CPU in prose, and write the string as code, `cpu`."""
    found = [m.group() for m in DEVICE_STRING.finditer(prose(text))]
    english = where[len("message: ") :] if where.startswith("message: ") else ""
    for name in DEVICE_PLACEHOLDER.findall(english):
        if "device" in english and f"{{{name}}}" in text and f"`{{{name}}}`" not in text:
            found.append(f"{{{name}}} without backticks")
    return found


# --- 13. A call named as the other messages name it: its module first (issue 30's eighth review). ---
EXERCISE_FUNCTIONS = (
    "build_vocab one_hot encode_word make_batch build_rnn run_rnn rnn_shapes to_time_major run_time_major "
    "rnn_cell rnn_forward CharRNN train predict"
).split()
BARE_CALL = re.compile(
    r"(?:^|(?<=[.:] ))(?:" + "|".join(EXERCISE_FUNCTIONS) + r")\([^;:]*?\) (?:returned|raised|is|gave|twice)\b"
)


def bare_exercise_call(english: str) -> list[str]:
    """A message that opens with a bare call of an exercise's function ("build_vocab(['hello'])
    returned ...") where the others write its module, as a call's label does
    ("ex01_one_hot.encode_word('hello', ...) returned ..."): say which file it is in."""
    return [m.group()[:60] for m in BARE_CALL.finditer(english)]


# --- 14. A memo's register among 합니다체 (issue 30's eighth review: "설치함: torch"). ---
MEMO = re.compile(r"([\uac00-\ud7a3]*[\uac00-\ud7a3](?:함|됨|음|임))(?=[:.)]|$)", re.M)
# nouns, not a verb cut short
MEMO_NOUNS = frozenset({"다음", "그다음", "처음", "모음", "묶음", "마음", "이음", "포함"})
TEST_ID = re.compile(r"message: [a-z0-9]+(?:-[a-z0-9]+)*$")  # a test's parameter id ("no-words"): a label


def memo_register(where: str, text: str) -> list[str]:
    """A sentence cut to a memo's ending (설치함:, 작성함, …과 같음), where every other sentence says
    합니다: write it out (…을 설치했습니다, …과 같습니다). A test's id in brackets ("[단어 없음]") and a
    one-word value ("없음") are labels."""
    if TEST_ID.match(where) or " " not in text.strip():
        return []
    return [m.group(1) for m in MEMO.finditer(prose(text)) if m.group(1) not in MEMO_NOUNS]


# --- 15. English error text in a Korean sentence (issue 30's eighth review): in code font. ---
def bare_error_text(text: str) -> list[str]:
    """An error's own words filled into a Korean sentence without backticks ("오류 메시지: 'int'
    object is not subscriptable."): they are English, and Python's; write "오류 메시지는
    `{error}`입니다." Python's own layout of a syntax error ("…: {kind}: {error}") is not a sentence."""
    if re.search(r"\{kind\}: \{error\}$", text):
        return []
    return [m.group() for m in re.finditer(r"(?<!`)\{(?:error|reason)\}(?!`)", text)]


# --- 16. The tenth review: a plural on things, one 때문입니다 over three clauses, code without code
# font, one thing said twice. ---
PLURAL_THING = re.compile(
    r"(?<![\uac00-\ud7a3])(?:길이|값|단어|문자|텐서|가중치|숫자|파일|행|축|모양|인덱스|항목|출력|입력|시퀀스|배치|모델|오류)들"
)


def plural_thing(text: str) -> list[str]:
    """-들 on a thing ("찾은 길이들", "단어들이 섞입니다"): Korean leaves the plural unsaid; "찾은 길이"."""
    return [m.group() for m in PLURAL_THING.finditer(prose(text))]


def reason_over_clauses(text: str) -> list[str]:
    """One 때문입니다 carrying three clauses ("…아니고, …모듈이며 …것이기 때문입니다"): one reason per
    sentence, the rest sentences of their own."""
    found = []
    for sentence in sentences_of(PLACEHOLDER.sub("X", text)):
        if "때문" in sentence and len(re.findall(r"[\uac00-\ud7a3](?:고|며),?\s", sentence)) >= 2:
            found.append(sentence[:60])
    return found


BARE_CODE = re.compile(
    r"(?<![\w`])for [a-z_]+ in [a-z_]+(?![\w`\])])|(?<![\w`])if [a-z_]+ not in [a-z_]+|os\.environ\[|(?<![\w`])#(?=[을를이])"
)


def bare_code(text: str) -> list[str]:
    """Python written into a sentence without code font ("for word in words, if char not in vocab",
    "os.environ[...] 줄 앞의 #을"), where the texts beside it write `for word in words:` and `#`."""
    return [m.group() for m in BARE_CODE.finditer(prose(text))]


SAID_TWICE = re.compile(r"\.\.\.['\"\]]* 등|여러 가지[^.]*\. 원인은 둘|있든, [^,.]*있어도|`[^`]+` 다음 `")


def said_twice(text: str) -> list[str]:
    """One thing said twice ("'... 등": a cut and 등; "실수 여러 가지 … 원인은 둘 중 하나"; "어느 장치에 있든,
    meta 장치에 있어도"), or a verb left out between two commands ("`make install` 다음 `make check`")."""
    return [m.group()[:50] for m in SAID_TWICE.finditer(text)]


CHECKS: dict[str, Callable[[str, str], list[str]]] = {
    "-들 on a thing": lambda where, text: plural_thing(text),
    "one 때문입니다 over three clauses": lambda where, text: reason_over_clauses(text),
    "Python in a sentence without code font": lambda where, text: bare_code(text),
    "one thing said twice": lambda where, text: said_twice(text),
    "a command in prose without backticks": lambda where, text: bare_command(text),
    "a particle that does not fit the code before it": lambda where, text: particle_after_code(text),
    "a particle right after an empty container": lambda where, text: empty_value_particle(text),
    "an aside glued to a call's bracket": lambda where, text: glued_aside(text),
    "code alone as a sentence": lambda where, text: code_as_sentence(text),
    "an imperative inside brackets": lambda where, text: imperative_in_brackets(text),
    "two colons in one line": lambda where, text: double_colon(text),
    "a value said twice in one phrase": lambda where, text: repeated_value(text),
    "쓰지 않습니다 among imperatives": lambda where, text: descriptive_prohibition(text),
    "내 in a sentence": lambda where, text: first_person(text),
    "정답 anywhere": lambda where, text: expected_misused(text),
    "a cause or rule without its subject": subjectless,
    "translationese": lambda where, text: translationese(text),
    "하다 spaced after a Latin word": lambda where, text: spaced_hada(text),
    "an arrow other than ->": lambda where, text: arrows(text),
    "a sentence without its final period": lambda where, text: missing_period(where, text, title=is_title(where)),
    "a period on both sides of an aside": lambda where, text: doubled_period(text),
    "a bracket after a final period": lambda where, text: bracket_after_period(text),
    "a list joined by 나 before its last item": lambda where, text: list_out_of_order(text),
    "a colon that runs on into another sentence": lambda where, text: run_on_colon(text),
    "English words in Korean text": lambda where, text: english_words(text),
    "a word the glossary replaces": lambda where, text: off_glossary(text),
    "해요체 among 합니다체": lambda where, text: register(text),
    "a zero-based step read as a count": lambda where, text: zero_based_count(text),
    "True이면 beside True면": lambda where, text: copula_after_true(text),
    "a semicolon in Korean prose": lambda where, text: semicolon(text),
    "an aside in brackets inside a test title": aside_in_title,
    "a list item that is a noun phrase": lambda where, text: item_without_predicate(text),
    "a type's name left in English": lambda where, text: ENGLISH_TYPE_NAME.findall(text),
    "Hangul inside a code name": lambda where, text: CODE_NAME_IN_KOREAN.findall(text),
    "a device string outside code font": device_string_in_prose,
    "a memo's ending among 합니다체": memo_register,
    "English error text outside code font": lambda where, text: bare_error_text(text),
}

_TITLES: set[str] = set()


def is_title(where: str) -> bool:
    """Text that is not a sentence in English either: a test title, a task, a title, a fragment
    filled into another message (its English starts in lower case: "exited with code {code}")."""
    if where.endswith((".title", ".task")):
        return True
    if not where.startswith("message: "):
        return False
    english = where[len("message: ") :]
    return english in graded_titles() or not english[:1].isupper() or english.endswith(":")


def graded_titles() -> set[str]:
    """The English titles of the graded tests (tests/ and hidden_tests/)."""
    if not _TITLES:
        from kata import HIDDEN_DIR
        from kata.instructor.bundle import titles_of_tests

        _TITLES.update(titles_of_tests(ROOT / "tests") | titles_of_tests(HIDDEN_DIR))
    return _TITLES


def is_test_title(where: str) -> bool:
    return where.startswith("message: ") and where[len("message: ") :] in graded_titles()


def findings(texts: dict[str, str], check: str) -> list[str]:
    return [f"{where}: {found}" for where, text in texts.items() for found in CHECKS[check](where, text)]


# --- 7b. English labels the tests build for reports ("CharRNN(5, 8)(x) for x of shape ..."): a
# string a test shows (a call's description, a model's label) is English prose unless wrapped in _().
FUNCTION_WORDS = {"for", "in", "if", "not", "and", "or", "is", "of", "to", "from"}
LABEL_CODE_WORDS = CODE_WORDS - FUNCTION_WORDS - {"model", "text", "words", "word", "input", "output", "outputs"}
LABEL_CODE_WORDS -= {"step", "steps", "data", "index", "item", "list", "set", "view", "head", "check", "make"}
LABEL_CODE_WORDS -= {"test", "watch", "hint", "stack", "cat", "seed", "loss", "batch", "features", "char", "cell"}
NOT_SHOWN = {
    "advice",
    "why",
    "case",
    "swap_hint",
    "outputs_hint",
    "h_n_hint",
    "values_advice",
    "h_n_advice",
    "reason",
    "ids",
}


def untranslated_labels(source: str) -> list[str]:
    """String literals in a test file with two or more English words in a row that no _() or
    N_() wraps: docstrings, assertion messages and texts passed as advice (translated where they
    are shown) are left out."""
    import ast

    tree = ast.parse(source)
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "N_"):
            skip.update(id(inner) for inner in ast.walk(node))
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in NOT_SHOWN:
                    skip.update(id(inner) for inner in ast.walk(keyword.value))
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Assert) and node.msg is not None:
            skip.update(id(inner) for inner in ast.walk(node.msg))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        for match in re.finditer(r"(?<![A-Za-z0-9_.\-/])[A-Za-z]+(?: [A-Za-z]+)+", node.value):
            if sum(w not in LABEL_CODE_WORDS for w in match.group().split()) >= 2:
                found.append(f"line {node.lineno}: {node.value[:80]!r}")
                break
    return found

"""Korean sentence and register checks (issue 30 and the reviews after it): the first person, 정답,
a cause without its subject, translationese, final periods, 해요체 and memo endings among 합니다체,
a plural on things, one thing said twice. Each takes one text and returns what it found."""

from __future__ import annotations

import re

from grader_tests.korean_text import CODE_SPAN, HANGUL, PLACEHOLDER, is_test_title, prose, sentences_of

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
    r"짜리": "spoken register, and a noun stack (시퀀스 5개짜리 배치, 문자 하나짜리 어휘): 시퀀스 5개로 된 배치, "
    "문자가 하나뿐인 어휘",
    # review 29, class 1 and query 5
    r"가중치에서 계산": "from its weights (가중치에서 계산하기): 그 가중치로 계산하기",
    r"(?:단어|문자)(?:도|가|는|이) 모양을": "a word keeps no shape (빈 단어도 모양을 지킵니다): 빈 단어에서도 배열의 모양이",
    r"과 자동 채점기처럼": "like an autograder, or as they do? (grade-all과 자동 채점기처럼): …가 찾는 방식대로",
    # the tenth review
    r"새 첫 축": "along a new first axis (새 첫 축): 새로 만든 첫 축(축 0)을 따라",
    r"로 텐서로 바꾸": "make it a tensor with ... (…로 텐서로 바꾸세요): …로 텐서를 만드세요",
    r"원-핫 단어": "one-hot words (원-핫 단어): 단어를 원-핫으로 인코딩해",
    r"순서를 잊어버리": "a set forgets the order (순서를 잊어버리는): 순서를 지키지 않는 set()",
    r"(?:로|으로) 눌러": "squashes with tanh (tanh로 눌러서): 헤드의 출력을 tanh에 통과시켜서",
    r"(?<![0-9])1번 반복": "after step 1 (1번 반복, read as step no. 1): 한 번 반복",
    # review 15, class 3
    r"건너뛰어졌|바꾸어졌": "a double passive (건너뛰어졌습니다): 도중에 건너뛰었습니다",
    r"[\uac00-\ud7a3]마다가 ": "stacked particles (문자마다가 아니라): 문자마다 하나씩 나오지 않고",
    r"스스로 적용": "personifies a loss (log-softmax를 스스로 적용합니다): 내부에서 적용합니다",
    r"프로세스\([^()]*프로세스\)": "one word twice (프로세스(…프로세스)): …하며 그것을 담고 있던 프로세스",
    r"'hihell' -> 'ihello'의 로짓": "logits belong to the input: 'hihell'을 넣어 얻은 로짓과 타깃 'ihello'",
    # review 16, classes 3-5
    r"(?:을|를) 있는 장치": "the device it is on (rnn을 있는 장치에서): rnn이 있는 장치에서 그대로 rnn을",
    r"hidden_size=[^.,]{0,12}?(?:로|으로) 읽": "reads N inputs into hidden_size=H: 입력 N개를 받아 hidden_size=H인 은닉 상태를 만드는",
    r"\)(?:을|를) 받은 lr로": "model.parameters()를 받은 lr로 (which one received?): 받은 lr로 model.parameters()를",
    # review 35, classes 3, 5 and 6
    r"\((?:[^(),]*[^\s(),지], )+[^(),]*[는은]지[,)]|[는은]지, [^.,()]*[^지\s](?:과|와) ": "nouns and -는지 clauses, one list",
    r"\([^()]*(?:니다|세요)\)(?=[\uac00-\ud7a3])": "a 합니다 sentence as an aside inside a sentence: say it as a phrase",
    r"어떤 [^\s.]+든 [^.\n|]*?(?:않고|없이)": "for any X beside another verb: RNN을 실행하지 않고, 어떤 RNN에서든 …",
}


def translationese(text: str) -> list[str]:
    body = prose(text)
    found = [f"{m.group()!r}: {hint}" for pattern, hint in TRANSLATIONESE.items() for m in re.finditer(pattern, body)]
    # a count filled in before 번 반복 that can be 1 ("{steps}번 반복" read "step no. 1"): fill in 한 번 / N번
    return found + [m.group() for m in re.finditer(r"\{steps\}번 반복", text)]


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
    """A period on both sides of a location or aside: "...입니다. (file 3번 줄)."."""
    return [m.group() for m in re.finditer(r"[\uac00-\ud7a3]\.\s?\([^()]*\)\.", text)]


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


# A connective ending ("있어서", "인코딩하고", review 30's "바꿨다가") closes a clause: an aside after it
# glosses no word. Endings that also end nouns (-서 of 순서, -자 of 인자, a bare -고 or -면) are left out.
AFTER_CONNECTIVE = re.compile(
    r"[\uac00-\ud7a3]+(?:어서|아서|해서|므로|지만|는데|니까|면서|하고|이고|으며|하며|거나|다가|도록|려고|려면|"
    r"어도|아도|해도|더라도|으면|하면|이면|되면|다면|으니|고서)\([^()]*\)"
)


NAMES_AFTER_THE_VERB = re.compile(r"[\uac00-\ud7a3]+다\(이하 [^()]*\)")


def aside_after_connective(text: str) -> list[str]:
    """An aside hung after a connective ("은닉 상태가 들어 있어서(첫 번째는 0으로 채운 h_0)"): a book
    puts it right after the noun it explains ("은닉 상태(첫 번째는 0으로 채운 h_0)가 들어 있어서").
    So too a short name given after the verb ("실습입니다(이하 노트)"): it names the noun
    ("실습(이하 노트)입니다", review 31)."""
    return [m.group() for m in (*AFTER_CONNECTIVE.finditer(text), *NAMES_AFTER_THE_VERB.finditer(text))]


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


# --- 14. A memo's register among 합니다체 (issue 30's eighth review: "설치함: torch"). ---
MEMO = re.compile(r"([\uac00-\ud7a3]*[\uac00-\ud7a3](?:함|됨|음|임))(?=[:.)]|$)", re.M)
# nouns, not a verb cut short
MEMO_NOUNS = frozenset({"다음", "그다음", "처음", "모음", "묶음", "마음", "이음", "포함"})
TEST_ID = re.compile(r"message: [a-z0-9]+(?:-[a-z0-9]+)*$")  # a test's parameter id ("no-words"): a label


def memo_register(where: str, text: str) -> list[str]:
    """A sentence cut to a memo's ending (설치함:, 작성함, …과 같음), where every other sentence says
    합니다: write it out (…을 설치했습니다, …과 같습니다). A test's id in brackets ("[단어 없음]") and a
    one-word value ("없음") are labels, and so is a placeholder in brackets ("(메시지 없음)")."""
    if TEST_ID.match(where) or " " not in text.strip() or re.fullmatch(r"\([^()]*\)", text.strip()):
        return []
    return [m.group(1) for m in MEMO.finditer(prose(text)) if m.group(1) not in MEMO_NOUNS]


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


SAID_TWICE = re.compile(r"\.\.\.['\"\]]* 등|여러 가지[^.]*\. 원인은 둘|있든, [^,.]*있어도|`[^`]+` 다음 `")


def said_twice(text: str) -> list[str]:
    """One thing said twice ("'... 등": a cut and 등; "실수 여러 가지 … 원인은 둘 중 하나"; "어느 장치에 있든,
    meta 장치에 있어도"), or a verb left out between two commands ("`make install` 다음 `make check`")."""
    return [m.group()[:50] for m in SAID_TWICE.finditer(text)]


# --- 10. A request that turns into a description (review 14, class 1): "…넘기세요. …기본값 그대로
# 둡니다." The learner is asked with -세요, so what the learner does next is asked too, to the end. ---
ACTION_STATEMENT = re.compile(
    r"(?:둡니다|호출합니다|넘깁니다|만듭니다|씁니다|돌려줍니다|않습니다|바꿉니다|넣습니다|고칩니다|추가합니다|"
    r"계산합니다|읽습니다|실행합니다|더합니다|적용합니다|옮깁니다|쌓습니다|인코딩합니다|"
    # review 15, class 1: "…로 시작하세요. 처음 실행할 때 필요한 것을 모두 준비합니다." (who prepares?),
    # "…셀을 실행하세요. 저장과 채점을 한 번에 합니다.", "…다시 채점합니다. 통과할 때까지 반복합니다."
    r"준비합니다|반복합니다|(?<![야면] )(?<= )합니다)[.)]*$"
)
# "h_n은 그대로 둡니다", "매개변수는 …로 장치에 둡니다": only the learner puts a thing somewhere
NOT_THE_LEARNER = re.compile(r"(?:그대로|에) 둡니다|다른 쪽은|한쪽은")


def statement_among_requests(text: str) -> list[str]:
    """After a sentence that asks (-세요), a sentence that says what the learner does with no
    subject of its own ("….to(device)를 호출합니다."), or with a subject that cannot do it ("h_n은
    그대로 둡니다", "다른 쪽은 … 않습니다"): ask it with -세요 too. A fact with its own subject
    ("rnn은 (outputs, h_n)을 돌려줍니다.") is left alone."""
    body = PLACEHOLDER.sub("X", CODE_SPAN.sub("X", text))
    body = " ".join(line for line in body.splitlines() if not line.startswith("    "))
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(body.split()))
    # review 16, class 2: a statement that opens a text of requests ("…어휘에 넣습니다. strip()은 쓰지
    # 마세요.") breaks the run as much as one after them
    asked, found = False, []
    for at, sentence in enumerate(sentences):
        if re.search(r"세요[.)]*$", sentence):
            asked = True
            continue
        opens = at == 0 and len(sentences) > 1 and re.search(r"세요[.)]*$", sentences[1]) is not None
        if not (asked or opens) or not ACTION_STATEMENT.search(sentence):
            continue
        plain = re.sub(r"\([^()]*\)(?=[은는이가도만])", "X", sentence)
        words = re.sub(r"\([^()]*\)", " ", plain).split()[:-1]
        if not any(re.search(r"\S(?:은|는|이|가|도|만),?$", word) for word in words) or (
            asked and NOT_THE_LEARNER.search(sentence)
        ):
            found.append(sentence[:80])
    return found


# --- Review 25, classes 2 and 3: a sentence an editor recasts, a title or help row vaguer than its sibling. ---
STACKED = (
    # "model.parameters()로 만든 옵티마이저로 … 호출하세요": two 로, the optimizer as the means of its own call
    re.compile(r"로 만든 [^ .]+?로 [^.]*호출"),
    # "build_rnn이 만든 RNN이 run_rnn이 받는": three subjects in a row, no comma or clause between them
    re.compile(r"[^ .,]+[이가] [^ .,]+ [^ .,]+[이가] [^ .,]+[이가] "),
    # "…종료되었거나, 비정상 종료되었거나, 너무 오래 걸려 채점기가 강제로 중단했습니다": the last item's new subject
    re.compile(r"거나, [^.,]*거나, [^.,]* [^ .,]+[이가] [^.,]*니다"),
    # "{what}이 만들고 … 배치를 넣어 실행한 RNN": a filled-in call as the subject of both verbs of one
    # relative clause, though it only built the RNN (review 26, class 1): "{what}으로 만들어 … 실행한 RNN"
    re.compile(r"X[이가] [^ .]+고 [^.]*?[^ .]+(?:한|든|준|낸|은|운) "),
    # "코드를 실행하던, 그것을 담고 있던 프로세스": two relative clauses stacked with a comma before one
    # noun (review 26, class 3): one clause, "코드를 실행하며 그것을 담고 있던 프로세스"
    re.compile(r"[\uac00-\ud7a3]던, "),
)


def stacked_sentence(text: str) -> list[str]:
    """A sentence whose reader must work out who does what: two instruments in 로, three 이 subjects
    in a row, or a list of what happened to one subject whose last item brings in another (review 25,
    class 2); a filled-in call made the subject of two verbs, two relative clauses before one noun
    (review 26). Recast it: "loss.backward() 다음에 optimizer.step()을 호출하세요. 옵티마이저는 … 만들어야 합니다"."""
    body = re.sub(r"(?<=\w)\.(?=\w)", "_", PLACEHOLDER.sub("X", CODE_SPAN.sub("X", text)))  # loss.backward()
    return [match.group(0) for pattern in STACKED for match in pattern.finditer(body)]


def vaguer_than_sibling(where: str, text: str) -> list[str]:
    """A test title that says a function *is* a module ("rnn_forward는 … nn.RNN과 같다") where its
    sibling says it returns the same values, and a help row that shows a 차이 without saying from
    what ("모범 답안과 차이를"): review 25, class 3."""
    found = re.findall(r"[과와] 같다$", text.strip()) if is_test_title(where) else []
    return found + re.findall(r"모범 답안과 차이", text)


# --- Review 28, class 4: "셀의 첫 줄 아래를 모두 지우고 아래에 보이는 …": one place word, 아래 or 위, twice in one
# sentence, below two different things. The reader stops to work out which is meant: name the second. ---
PLACE_WORD = re.compile(r"(?<![\uac00-\ud7a3])(아래|위)(?:에서|에|로|의|는|를|와|)(?![\uac00-\ud7a3])")


def demonstrative_twice(text: str) -> list[str]:
    """A sentence with 아래 (or 위) twice: a second referent needs its own name ("이 메시지 아래")."""
    found = []
    for sentence in sentences_of(prose(text)):
        for word in ("아래", "위"):
            if sum(m.group(1) == word for m in PLACE_WORD.finditer(sentence)) > 1:
                found.append(sentence[:60])
    return found

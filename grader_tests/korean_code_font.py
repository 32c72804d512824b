"""Korean checks of code in prose (issue 30 and the reviews after it): code font (a device string,
English error text, Python without backticks), particles and punctuation around code, English words
left in Korean, a call named without its module, and English labels the tests build unwrapped."""

from __future__ import annotations

import re

from grader_tests.korean_text import PLACEHOLDER, prose

# --- 4. 하다 written apart from the Latin word it makes a verb of: transpose 하세요, not beside reshape한. ---
HADA = "하세요|하십시오|합니다|했습니다|했고|했는지|하면|하고|해서|해도|하는|한다|한 뒤|한 다음|할 수|하려면|하지"
SPACED_HADA = re.compile(r"[A-Za-z0-9_)\]`'\"]\s+(?:" + HADA + r")(?![\uac00-\ud7a3])")


def spaced_hada(text: str) -> list[str]:
    body = PLACEHOLDER.sub("X", text)  # "{kind}(...) 하세요" is spaced whatever is filled in
    return [body[max(0, m.start() - 20) : m.end()] for m in SPACED_HADA.finditer(body)]


# --- 5. One arrow: "->", as the English and the code write it. ---
def arrows(text: str) -> list[str]:
    return [text[max(0, m.start() - 20) : m.end() + 10] for m in re.finditer("→|⟶|=>", text)]


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
    """Two colons in one short line ("다음: {path}: {task}"); a syntax error's "file N번 줄: SyntaxError:
    message", Python's own layout, is not prose (its first label is not a Korean word)."""
    found = re.finditer(r"(?<!번째 )(?<!번 )[\uac00-\ud7a3]:\s\{\w+\}(?: [\uac00-\ud7a3]+)?:\s", text)
    return [m.group() for m in found]


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


# --- 12. A device (issue 30's eighth review; review 10, 2.7.4 and 2.10.3; review 16, 5.6): CPU in
# prose; torch's device string in running prose is named as a device, "cpu 장치", "{got} 장치", with
# backticks only where the English has them (`device or 'cpu'`): backticks print literally in a
# terminal. A value's description <...> and the header's fields stand bare.
DEVICE_STRING = re.compile(r"(?<![A-Za-z0-9_.+=/-])(?:cpu|cuda(?::\d+)?|mps)(?![A-Za-z0-9_:])(?! 장치)")
DEVICE_PLACEHOLDER = re.compile(r"(?:\bon|\bdevice|expected) \{(\w+)\}")
ON_DEVICE = re.compile(r"\b(?:is|was|it|tensor) on \{\w+\}")
VALUE_DESCRIPTION = re.compile(r"<(?=\S)[^<>\n]*[^\s<>-]>")  # <cpu에 있는 (3, 4) float32 텐서>, not "->"
HEADER_DEVICE = re.compile(r"\| 장치 (\S+) \|")  # RNN 기초 kata | exercises/ | 장치 cpu | torch ...


def device_string_in_prose(where: str, text: str) -> list[str]:
    """A torch device string ('cpu', cuda:0) in running prose, neither code font nor named as a
    device ("cpu 장치"), beside CPU in prose ("CPU에 있는 배치", "(device or 'cpu')"); or a device
    filled in where the English says "on {device}" that is not "{device} 장치", or is in backticks
    the English lacks (review 16, 5.6: "`meta`에 있어야 하는데"). Inside a value's <...> and in the
    header's "장치 cpu" no backticks: "<`cpu`에 있는 (3, 4) float32 텐서>" printed them six times a call."""
    found = [f"backticks inside {m.group()}" for m in VALUE_DESCRIPTION.finditer(text) if "`" in m.group()]
    found += [f"backticks in the header's 장치 {m.group(1)}" for m in HEADER_DEVICE.finditer(text) if "`" in m.group(1)]
    running = HEADER_DEVICE.sub("|", VALUE_DESCRIPTION.sub(" ", text))
    found += [m.group() for m in DEVICE_STRING.finditer(prose(running))]
    english = where[len("message: ") :] if where.startswith("message: ") else ""
    for name in DEVICE_PLACEHOLDER.findall(english):
        if not ("device" in english or ON_DEVICE.search(english)):  # "it was on {was}" (review 17, class 5)
            continue
        if f"{{{name}}}" not in running or f"`{{{name}}}`" in english:
            continue
        if f"`{{{name}}}`" in running:
            found.append(f"`{{{name}}}` in backticks the English does not have")
        elif re.search(rf"\{{{name}\}}(?! 장치)", running):
            found.append(f"{{{name}}} not named as a device ({{{name}}} 장치)")
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


# --- 15. English error text in a Korean sentence (issue 30's eighth review): in code font. ---
def bare_error_text(text: str) -> list[str]:
    """An error's own words filled into a Korean sentence without backticks ("오류 메시지: 'int'
    object is not subscriptable."): they are English, and Python's; write "오류 메시지는
    `{error}`입니다." Python's own layout of a syntax error ("…: {kind}: {error}") is not a sentence."""
    if re.search(r"\{kind\}: \{error\}$", text):
        return []
    return [m.group() for m in re.finditer(r"(?<!`)\{(?:error|reason)\}(?!`)", text)]


BARE_CODE = re.compile(
    r"(?<![\w`])for [a-z_]+ in [a-z_]+(?![\w`\])])|(?<![\w`])if [a-z_]+ not in [a-z_]+|os\.environ\[|(?<![\w`])#(?=[을를이])"
)


def bare_code(text: str) -> list[str]:
    """Python written into a sentence without code font ("for word in words, if char not in vocab",
    "os.environ[...] 줄 앞의 #을"), where the texts beside it write `for word in words:` and `#`."""
    return [m.group() for m in BARE_CODE.finditer(prose(text))]


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


# --- 14. Code font where the English has it (review 14, class 5): backticks print literally in a
# terminal, so a Korean text puts them exactly where its English does; the one exception is
# filled-in code (`{command}`, `{error}`, …: FILLED_CODE), which the rows above require in backticks in
# Korean; any other placeholder in backticks the English lacks is a defect (review 17, class 5:
# "`{was}`에 있었고", a device). ---
FILLED_CODE = frozenset({"{command}", "{error}", "{code}", "{reason}", "{setup}", "{test}"})


def code_spans(text: str) -> list[str]:
    """The backticked spans of a text, reStructuredText's double backticks read as single ones."""
    return re.findall(r"`[^`\n]*`", text.replace("``", "`"))


def code_font_differs(english: str, korean: str) -> list[str]:
    """The code spans one text has in backticks and the other does not."""
    ours, theirs = code_spans(english), code_spans(korean)
    found = [f"no backticks in Korean: {span}" for span in ours if span not in theirs]
    return found + [  # counted: a span the English has once is not written twice (review 23, class 2)
        f"backticks the English does not have: {span}"
        for span in dict.fromkeys(theirs)
        if theirs.count(span) > ours.count(span) and span.strip("`") not in FILLED_CODE
    ]


# A layout in round brackets, a tuple of code names ("(seq_len, batch, input_size)"): the Korean keeps
# each one its English shows (review 23, class 1: "read time-major, as (seq_len, batch, input_size)"
# lost its layout). Two or more names with an underscore, nothing else but names and numbers.
LAYOUT = re.compile(r"\((?:[A-Za-z_]\w*|[0-9]+)(?:, (?:[A-Za-z_]\w*|[0-9]+))+\)")


def layouts_dropped(english: str, korean: str) -> list[str]:
    """The layouts of the English (LAYOUT) that its Korean does not show."""
    flat = " ".join(korean.split())
    return [
        f"a layout the Korean drops: {layout}"
        for layout in dict.fromkeys(LAYOUT.findall(english))
        if sum("_" in name for name in layout.strip("()").split(", ")) >= 2 and layout not in flat
    ]

"""Sentences from the catalogue issue 30's review graded, for each check of
grader_tests/korean_code_font.py (code, names and English inside Korean text): each a defect of
its class, and fixed sentences of the same class that must pass (grader_tests/unit/test_korean_style.py)."""

from __future__ import annotations

REVIEWED_CODE_FONT: dict[str, tuple[list[str], list[str]]] = {
    "a command in prose without backticks": (
        [
            "통과하면 모범 답안을 보여 줍니다. 지금 보려면 {command}를 실행하세요.",
            "더 자세한 힌트를 보려면 이 명령을 다시 실행하세요: {command}",
            "먼저 {setup}을 한 번 실행해 kata에 필요한 것을 설치하고, 그다음 {test}를 실행하세요.",
        ],
        ["지금 보려면 `{command}`를 실행하세요.", "다음: {command}", "`{command}`로 시작하세요."],
    ),
    "하다 spaced after a Latin word": (
        [
            "transpose(0, 1)로 다시 transpose 하세요.",
            "직접 raise {kind}(...) 하세요.",
            "RNN 앞뒤에서 transpose 합니다:",
        ],
        ["(N, vocab_size)로 reshape한 로짓", ".detach()하거나", "raise {kind}(...)로 직접 일으키세요."],
    ),
    "an arrow other than ->": (["{name} = {was} → {now}"], ["'hihell' -> 'ihello'"]),
    "English words in Korean text": (
        [
            '한국어: remove the # before os.environ["KATA_LANG"].',
            "CharRNN(5, 8)(x) for x of shape (3, 6, 5)",
            "비정상 종료되었습니다(abort, SIGABRT)",
        ],
        [
            "은닉 상태(hidden state)",
            "torch.optim.Adam(model.parameters(), lr=lr)을 쓰세요.",
            "비정상 종료되었습니다(중단, SIGABRT)",
        ],
    ),
    "a type's name left in English": (
        [
            "{what}이 {kind_got} {value}을 돌려줬습니다.",
            "{what}이 {type_got___name} {short_got}을 돌려줬습니다.",
            "{what}이 받은 {kind} `{name}`을 바꿨습니다.",
        ],
        [
            "{what}이 {kind_got!t} {value}을 돌려줬습니다.",
            "{what}이 {type_rnn___name}을 돌려줬습니다.",
            "{what}이 받은 {kind!t} `{name}`을 바꿨습니다.",
            "{what}이 {kind}를 일으켰습니다.",
        ],
    ),
    "Hangul inside a code name": (
        ["torch.from_numpy(float32_배열).to(device or 'cpu')", "torch.tensor(numpy_float64_배열)는"],
        ["a가 float32 배열이면 torch.from_numpy(a)도 float32입니다.", "rnn.weight_ih_l0의 기울기"],
    ),
    # issue 30's fifth review (B+, a publisher's technical editor)
    "a particle that does not fit the code before it": (
        [
            "batch.transpose(0, 1)을 쓰세요.",
            "transpose(0, 1)은 다른 장치에",
            "predict(<모델>, 'hihell', vocab)이 돌려준",
        ],
        ["batch.transpose(0, 1)를 쓰세요.", "build_vocab([text])로 만드세요.", "encode_word(word, vocab)는"],
    ),
    "a particle right after an empty container": (
        ["ex01_one_hot.build_vocab([' '])이 []을 돌려줬습니다.", "모델과 []를 돌려줍니다."],
        ["build_vocab([' '])이 빈 리스트 []를 돌려줬습니다.", "zero_grad()를 호출하세요."],
    ),
    "an aside glued to a call's bracket": (
        [
            'raise ValueError(f"{char!r} is not in the vocabulary")(vocab.index가 스스로 일으키는 오류는 인정되지 않습니다).',
            "[0] * len(vocab)(float나 bool이 아닌 Python 정수)에서 시작해",
        ],
        ["build_rnn(4, 2)을 호출했습니다(파일 3번 줄).", "연습(build_vocab, make_batch)"],
    ),
    "code alone as a sentence": (
        ["호출할 때마다 배치를 받은 장치에 두세요. .to(device or 'cpu')."],
        ["호출할 때마다 배치를 받은 장치에 두세요. .to(device or 'cpu')를 쓰세요."],
    ),
    "an imperative inside brackets": (
        ["프로그램을 끝내거나 멈추게 하면 안 됩니다(sys.exit, os._exit, ctypes를 쓴 코드를 지우세요)."],
        ["프로그램을 끝내거나 멈추게 하면 안 됩니다. sys.exit를 쓴 코드를 지우세요.", "쓰세요(파일 3번 줄)."],
    ),
    "two colons in one line": (["다음: {path}: {task}", "다음: {cell} 셀: {task}"], ["다음: {path}에서 {task}"]),
    "a value said twice in one phrase": (
        ["그 문자가 든 단어만이 아니라 {char}처럼 따옴표로 감싼 문자 {char} 자체"],
        ["그 문자가 든 단어만이 아니라 따옴표로 감싼 문자 {char} 자체"],
    ),
    "쓰지 않습니다 among imperatives": (
        [
            "처음 나온 순서를 지키세요. sorted(), set(), strip()은 쓰지 않습니다.",
            "인코딩하세요(strip()은 쓰지 않습니다).",
        ],
        ["처음 나온 순서를 지키세요. sorted(), set(), strip()은 쓰지 마세요.", "이 연습은 strip()을 쓰지 않습니다."],
    ),
    # issue 30's eighth review (B+)
    "a device string outside code font": (
        [
            'device가 None이면 CPU를 쓰세요(device or "cpu").',
            "호출할 때마다 배치를 받은 장치에 두세요. .to(device or 'cpu')를 쓰세요.",
            "텐서가 cuda:0에 있습니다.",
            # review 10, 2.7.4: a value's description and the header's field print backticks literally
            "ex06_rnn_from_scratch.rnn_cell(<`cpu`에 있는 (3, 4) float32 텐서>, h)",
            "<`{device}`에 있는 {shape} {dtype} 텐서>",
            "RNN 기초 kata | exercises/ | 장치 `cpu` | torch 2.13.0+cpu",
        ],
        [
            "RNN 기초 kata | exercises/ | 장치 cpu | torch 2.13.0+cpu",
            "ex06_rnn_from_scratch.rnn_cell(<cpu에 있는 (3, 4) float32 텐서>, h)",
            "<cuda:0에 있는 (3, 5, 2) float32 텐서>",
            "<{device}에 있는 {shape} {dtype} 텐서>",
            "device가 None이면 CPU를 쓰세요(`device or 'cpu'`).",
            "`KATA_DEVICE=cpu`로 장치를 고릅니다.",
            "노트의 단어 세 개는 CPU에 있는 (3, 5, 4) float32 배치가 된다",
            "a -> b는 `cpu`에 있습니다.",
            # review 16, 5.6: a device string in prose is named as a device, without backticks
            "텐서가 cuda:0 장치에 있습니다.",
            "{what}이 돌려준 텐서는 {want} 장치에 있어야 하는데 {got} 장치에 있습니다.",
        ],
    ),
    "English error text outside code font": (
        [
            "{what}이 {kind}를 일으켰습니다{where}. 오류 메시지: {error}.",
            "kata: {folder}를 만들지 못했습니다({error}).",
        ],
        [
            "{what}이 {kind}를 일으켰습니다{where}. 오류 메시지는 `{error}`입니다.",
            "{path} {line}번 줄: {kind}: {error}",
        ],
    ),
    "Python in a sentence without code font": (
        [
            "문자를 처음 만날 때마다 추가하세요. for word in words, for char in word, if char not in vocab.",
            '한국어 설명: 설정 셀의 os.environ["KATA_LANG"] = "ko" 줄 앞의 #을 지우고 이 셀을 실행하세요.',
        ],
        [
            "`for word in words:`, `for char in word:`, `if char not in vocab:` 순서로 쓰면 됩니다.",
            '설정 셀의 `os.environ["KATA_LANG"] = "ko"` 줄 앞의 `#`을 지우세요.',
        ],
    ),
}

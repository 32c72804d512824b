"""Every Korean text the kata shows (catalogue, exercise texts, instructions, the notebook's
Korean) is held to the classes of defect a publisher's technical editor marked in issue 30's
review, wherever a program can see them (grader_tests/korean_style.py). Each check is shown to
catch sentences from the reviewed text, so none passes by seeing nothing."""

from __future__ import annotations

import re

import pytest

from grader_tests import korean_code_font, korean_style, korean_text
from kata import ROOT

# Sentences from the catalogue the review graded (before issue 30), each a defect of its class,
# and a fixed sentence of the same class that must pass.
REVIEWED = {
    "a command in prose without backticks": (
        [
            "통과하면 모범 답안을 보여 줍니다. 지금 보려면 {command}를 실행하세요.",
            "더 자세한 힌트를 보려면 이 명령을 다시 실행하세요: {command}",
            "먼저 {setup}을 한 번 실행해 kata에 필요한 것을 설치하고, 그다음 {test}를 실행하세요.",
        ],
        ["지금 보려면 `{command}`를 실행하세요.", "다음: {command}", "`{command}`로 시작하세요."],
    ),
    "내 in a sentence": (
        ["아마 내 코드가 멈춘 것입니다(os.kill, 시그널, ctypes).", "내 컴퓨터에서 `make test`를 실행하면", "내 결과"],
        ["작성한 코드가 중단시켰을 가능성이 큽니다.", "내부 확인: 두 l의 행이 같아야 합니다.", "돌려준 값"],
    ),
    "정답 anywhere": (
        [
            "입력은 text[:-1]의 원-핫, 정답은 text[1:]의 어휘 인덱스입니다.",
            "{what}이 input_size={got_in}인 RNN을 돌려줬습니다. 정답은 input_size=3, hidden_size=5입니다.",
            "(N,) 모양의 정답에 nn.CrossEntropyLoss()를 쓰세요.",
            "{what}의 모양이 {got}입니다. 정답은 {want}입니다.",  # the eighth review: banned outright
            "정답",
        ],
        ["{what}의 모양이 {got}입니다. 올바른 모양은 {want}입니다.", "올바른 값"],
    ),
    # issue 30's eighth review: ~17 causes after "정답은 X입니다" had no subject
    "a cause or rule without its subject": (
        [
            "{what}이 {got}을 돌려줬습니다. 정답은 {want}입니다. 반복마다 Adam을 새로 만든 결과입니다.",
            "(batch, seq_len, vocab_size) 로짓의 시간 축(dim=1)에서 argmax를 구한 결과입니다.",
            "{what}이 {short_rnn}을 돌려줬습니다. nn.RNN 모듈이어야 합니다.",
            "위치별 손실의 평균이 아니라 합입니다.",
            # the ninth review
            "{what}이 {t} {s}을 돌려줬습니다. numpy 배열이어야 합니다(np.array(rows, dtype=np.float32)).",
            "모든 가중치가 기울기에 {factor:.3g}을 곱한 만큼 움직였습니다. SGD의 반복과 같습니다.",
        ],
        [
            "학습한 가중치는 반복마다 Adam을 새로 만들었을 때의 가중치와 같습니다.",
            "돌려준 문자열은 로짓의 시간 축(dim=1)에서 argmax를 구한 결과입니다.",
            "{what}의 dtype은 {want}여야 하는데 {got}입니다.",
            "1. CharRNN(vocab_size, hidden_size)은 Linear 헤드로 된 nn.Module입니다.",
            "RNN 기초 kata입니다.",
            "돌려주는 값은 numpy 배열이어야 합니다(np.array(rows, dtype=np.float32)).",
            "이는 SGD로 한 번 갱신한 것과 같습니다.",
            "노트의 배치와 hidden_size 2라면 다음과 같습니다.",
        ],
    ),
    "translationese": (
        [
            # the tenth review
            "그 결과를 새 첫 축을 따라 쌓아",
            "torch.from_numpy(...)나 torch.tensor(...)로 텐서로 바꾸세요.",
            "원-핫 단어를 (batch, seq_len, input_size) float32 텐서로 쌓기",
            "정렬하지 말고, 순서를 잊어버리는 set()도 쓰지 마세요.",
            "모델이 Linear 헤드 뒤에서 로짓을 tanh나 sigmoid로 눌러서 로짓이 일정 범위로 제한됩니다.",
            "같은 모델에서 시작했는데 1번 반복한 뒤의 가중치가",
            "{what}: 같은 모델에서 시작했는데 {steps}번 반복한 뒤의 가중치가",
            "build_rnn은 편향과 float32 가중치를 가진, 층이 하나인 tanh nn.RNN을 만든다",
            "정확히 이 값들을 만듭니다. 하나는 이것입니다. {first} 다른 하나는 이것입니다. {second}",
            "마지막 층의 시점마다의 은닉 상태이므로",
            "정렬한 어휘(순서 {order})로 학습하면",
            "ex03_rnn.run_rnn(<RNN 모듈>, <노트의 배치>)의 outputs의 모양은 맞지만",
            "그 반복을 시작할 때의 모델({model_what}의 모델)로",
            "찾은 것: rnn 속성의 RNN(torch의 클래스가 아님)",
            "단어 양 끝을 잘라 낸 단어들의 어휘입니다.",
            "파일의 맨 위 수준 코드는 import될 때 실행됩니다.",
            "vocab.index가 스스로 일으키는 오류는 인정되지 않습니다.",
            "연습 설명을 KATA_LANG의 언어로 보여 줍니다.",
            "배치 우선 입력을 읽는 nn.RNN을 만들고 배치에 실행하기",
            "batch 및 seq_len 축이 바뀐 것 같습니다.",
            "nn.RNN은 따로 말하지 않으면 (seq_len, batch, input_size)를 읽습니다.",
            "텐서가 되게 되는데",
            "단어들이 끝과 끝으로 이어 붙었습니다.",
            "모양은 tensor.shape와 비교하게 되는데, (3, 5, 4) == [3, 5, 4]는 False입니다.",
            "0인 은닉 상태에서 시작해서",
            "rnn_forward는 0인 h_0을 배치와 같은 장치에 만든다",
            "어휘 항목마다 하나씩 든 Python int의 리스트",
            "{what} 호출 중에 RNN을 호출했습니다({kernel}).",
            "{what} 호출이 실행 중에 주어진 RNN을 바꿨다가",
            "import는 `torch`, `numpy`만 됩니다.",
            "run_rnn은 RNN이 있는 곳에서 그대로 실행한다",
            "rnn_cell은 어떤 배치, 입력, 은닉 크기에서도 맞다",
            "train은 그 텍스트의 어휘와 그 은닉 크기로 그 텍스트를 학습한다",
            "[Colab에서 열기](https://colab.research.google.com/...),\n또는 Jupyter에서 여세요.",
            "`import {name}`이 {path}가 아니라 {found}를 찾았습니다.",
            "build_rnn은 어느 컴퓨터에나 있는 meta 장치를 받아도 모든 파라미터를 그 장치에 둔다",
            "단어들이 한 줄로 이어 붙었습니다.",
            "멈출 때 ex01_one_hot.one_hot이 15번째 줄을 실행하고 있었습니다.",
            "학습자가 쓰는 명령을 입력하는 그대로 보여 줍니다.",
            "train(seed=...)은 같은 seed는 같은 손실을, 다른 seed는 다른 손실을 돌려준다",
            "이 노트북만 따로 열렸습니다.",
            "연습 파일을 채점하고 results.json을 씁니다.",
            "결과를 쓸 파일입니다.",
            "make {command} OUT=...: 어디에 쓸지 알려 주세요.",
            "RNN이 입력을 시간 우선으로, 즉 시퀀스 5개짜리 배치 하나의 시점 3개로 읽었습니다.",
            "노트의 5글자 단어 3개를 문자 4개짜리 어휘로 인코딩하면",
            "각 항을 확인하세요: x_t @ weight_ih.T, h_prev @ weight_hh.T, 편향 두 개, 그리고 tanh.",
            "표준 라이브러리, numpy, torch, 그리고 앞서 푼 연습을 쓸 수 있습니다.",
        ],
        [
            "`import {name}`으로 불러온 것은 {path}가 아니라 {found}입니다.",
            "build_rnn은 받은 장치가 meta 장치여도 모든 매개변수를 그 장치에 둔다",
            "단어를 한 줄로 이어 붙였습니다.",
            "채점기가 중단했을 때 ex01_one_hot.one_hot이 15번째 줄을 실행하던 중이었습니다.",
            "자주 쓰는 명령을 입력할 형태 그대로 보여 줍니다.",
            "같은 seed면 같은 손실이, 다른 seed면 다른 손실이 나온다",
            "kata 폴더 없이 노트북만 열었습니다.",
            "연습 파일을 채점하고 results.json을 저장합니다.",
            "rnn_cell을 쓰세요.",
            "nn.RNN은 기본적으로 (seq_len, batch, input_size)를 읽습니다.",
            "배치를 넣어 실행하기",
            "0으로 채운 은닉 상태에서 시작해 시점 10개를 반복합니다",
            "rnn_cell은 어떤 배치, 입력, 은닉 크기에서도 올바른 값을 낸다",
            "import는 `torch`, `numpy`만 할 수 있습니다.",
            "RNN이 입력을 시간 우선으로 읽었습니다. 즉 시퀀스 5개로 된 배치 하나를 시점 3개에 걸쳐 읽었습니다.",
            "표준 라이브러리, numpy, torch와 앞서 푼 연습을 쓸 수 있습니다. 그리고 힌트를 보세요.",
        ],
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
    "a sentence without its final period": (
        ["{path} 파일을 여세요", "이전 버전은 {backup}에 있습니다"],
        ["이전 버전은 {backup}에 있습니다.", "종료 코드 {code}로"],
    ),
    "a period on both sides of an aside": (["값이 틀립니다. (파일 3번째 줄)."], ["값이 틀립니다(파일 3번째 줄)."]),
    # issue 30's ninth review
    "a bracket after a final period": (
        ["앞에서 푼 연습만 쓰세요. (파일: exercises/ex03_rnn.py)", "…와 앞에서 푼 연습만 쓰세요. (파일: {path})"],
        ["앞에서 푼 연습만 쓰세요(파일: exercises/ex03_rnn.py).", "원인은 둘 중 하나입니다. (1) {first} (2) {second}"],
    ),
    "a list joined by 나 before its last item": (
        [
            "(복사본이나 .detach(), .data를 거치지 말고)",
            "바꾸세요(numpy 배열이나 float, bool이 아닌 Python 정수).",
            "메시지에는 찾은 길이들이나 길이가 다른 단어, 어휘에 없는 문자를 적으세요.",
            "확인하세요: 타입, 모양이나 길이, 값의 순서.",
        ],
        [
            "(복사본, .detach()나 .data를 거치지 말고)",
            "항목은 numpy 배열, float나 bool이 아닌 Python 정수여야 합니다.",
            "GRU나 LSTM이 아닌 nn.RNN이어야 합니다.",
            "언제나 (num_layers, batch, hidden_size)입니다.",
            "`cpu`, `cuda`나 `mps`로 정해",
        ],
    ),
    "a colon that runs on into another sentence": (
        [
            "모든 문자는 있는 그대로 셉니다: 'A'와 'a'는 다른 문자입니다.",
            "SGD의 반복입니다: Adam을 쓰세요.",
            "rnn_forward는 미분 가능하다: 기울기가 RNN의 가중치까지 간다",
            "{what}의 모양은 맞지만 값이 틀립니다: [{at}] 위치의 값이 {got}, 정답은 {want}입니다(최대 차이 {diff}).",
            "각 h를 리스트 hs에 모으세요: outputs는 torch.stack(hs, dim=1), h_n은 h.unsqueeze(0)입니다.",
        ],
        ["마지막 축에서 argmax를 구하세요: logits.argmax(dim=-1).", "먼저 고칠 것: ex01 (원-핫 인코딩)"],
    ),
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
    "a word the glossary replaces": (
        [
            "단어를 dim 0 방향으로 쌓아서",
            "어휘 길이만큼의 리스트",
            # the tenth review
            "시점마다 마지막 층이 낸 은닉 상태이므로",
            "같은 입력에 다른 출력을 내는 것도 안 됩니다.",
            '찾은 길이를 넣어 raise ValueError(f"{char!r} is not in the vocabulary")를 일으켜야 합니다.',
            "먼저 검사하고 raise ValueError(...)를 직접 일으키세요.",
            "찾은 길이들(또는 길이가 다른 단어)",
            "이전 은닉 상태(처음엔 0)",
            "받은 파라미터를 옵티마이저가 갱신합니다.",
            "rnn_shapes가 매개변수를 다른 순서로 받을 때",
            "{what}의 모양이 {got}입니다. 올바른 모양은 {want}입니다.",
            "로짓이 일정 범위에 묶여 있는",
            "더 강한 힌트",
            "원인은 아마도 학습 루프에 있습니다.",
            "make_batch는 주어진 장치에 배치를 둔다",
            "연습 설명을 학습자의 언어로 보여 줍니다.",
            "학생용 사본에는 그 테스트가 없습니다.",
            "`{close}` 함수를 말한 것이라면 이름을 바꾸세요.",
            "(`{close}`를 쓰려던 것인가요?)",
            "(최대 차이 0.25, 허용 1e-05)",
            "값이 각각 int 튜플인 딕셔너리",
            "어휘 항목마다 하나씩 든 Python int의 리스트",
            "강의 실습과 같은 결과입니다.",
            "이 실습은 기본 RNN을 다룹니다.",
            "정사각 3x3",
            "one_hot은 어휘에 없는 문자를 밝히며 ValueError를 일으킨다",
            "메시지에 무엇이 잘못됐는지 밝히세요.",
            "make가 `make: *** [Makefile:..: test] Error 1` 줄을 찍습니다.",
            "연습 파일을 채점하고 점수표를 보여 줍니다.",
            "발견한 길이들(또는 길이가 다른 단어)",
            "문자를 처음 만날 때마다 덧붙이세요.",
            "한 칸만 1로 바꾸세요(numpy 배열, float, bool이 아니라 int).",
            "모든 단어의 모든 문자를 확인해 'q'처럼 어휘에 없는 문자가 있으면",
            "one_hot(char, vocab): 먼저 직접 확인하세요.",
            "내부 확인: 노트 방식으로 읽으면 두 l의 행이 같아야 합니다.",
            "`make test`로 검사하세요.",
            # issue 30's ninth review
            "모든 가중치가 기울기에 0.1을 곱한 만큼 움직였습니다. SGD의 반복과 같습니다.",
            "받은 lr(0.1)이 아니라 lr=0.01인 Adam의 첫 반복과 같습니다.",
            "tanh 출력은 [-1, 1]에 갇혀 있습니다.",
            "로짓이 일정 범위에 갇힙니다.",
            "메시지에 무엇이 잘못됐는지 적으세요.",
            "함수에 필요한 것은 모두 인자로 주어집니다.",
            "주어진 RNN의 가중치를 바꿨습니다.",
            "인자로 주어져야 합니다.",
        ],
        [
            "이는 SGD로 한 번 갱신한 것과 같습니다.",
            "Adam의 첫 갱신은 각 가중치를 lr만큼 옮깁니다.",
            "반복 0의 손실이 1.6094입니다.",
            "[-1, 1] 범위로 제한된 tanh 출력",
            "메시지에 무엇이 잘못되었는지 적으세요.",
            "함수에 필요한 것은 모두 인자로 받습니다.",
            "단어를 축 0을 따라 쌓아서",
            "make_batch는 받은 장치에 배치를 둔다",
            "학습자용 사본에는 그 테스트가 없습니다.",
            "`{close}`를 쓰려던 것이라면 이름을 바꾸세요.",
            "어휘 크기만큼의 리스트",
            "one_hot은 어휘에 없는 문자가 오면 그 문자를 메시지에 담아 ValueError를 일으킨다",
            "make가 … 줄을 출력합니다.",
            "`make test`로 확인하세요.",
            "먼저 입력을 검사하세요.",
            "zero_grad()를 호출하는지 확인하세요.",
        ],
    ),
    "해요체 among 합니다체": (["모든 연습을 통과했습니다. 잘했어요!"], ["모든 연습을 통과했습니다. 수고하셨습니다!"]),
    "a zero-based step read as a count": (
        ["{what}: 0번 반복의 손실이 1.6094입니다.", "{what}: {step}번 반복의 손실이", "{what}: {index}번 항목이"],
        ["반복 {step}의 손실", "100번 반복한 뒤", "{steps}번 반복한 뒤"],
    ),
    "True이면 beside True면": (["batch_first=True이면 배치가 먼저 옵니다"], ["batch_first=True면", "True여도"]),
    "a semicolon in Korean prose": (
        ["outputs, h_n = rnn(batch); 둘 다 돌려주세요."],
        ["outputs, h_n = rnn(batch)으로 받아 둘 다 돌려주세요.", "`a; b`를 쓰세요."],
    ),
    # issue 30's fourth review (B+)
    "an aside in brackets inside a test title": (
        [
            "make_batch는 어느 컴퓨터에서나(PyTorch의 meta 장치로 확인) 배치를 주어진 장치에 둔다",
            "rnn_forward는 0으로 채운 h_0을 배치와 같은 장치에(PyTorch의 meta 장치로 확인) 만든다",
        ],
        [
            "make_batch는 어느 컴퓨터에나 있는 meta 장치를 받아도 배치를 그 장치에 둔다",
            "rnn_cell은 tanh(x W)를 계산한다",
        ],
    ),
    "a list item that is a noun phrase": (
        [
            "세 함수를 작성하세요.\n\n1. build_vocab(words) -> words에 나오는 서로 다른 문자를 처음 나온 순서대로\n"
            "   담은 리스트. 모든 문자를 있는 그대로 셉니다.",
            "3. predict(model, text, vocab) -> text의 각 위치에서 확률이 가장 높은 다음 문자로\n   만든 문자열.",
            "1. CharRNN(vocab_size, hidden_size): 배치 우선 nn.RNN과 Linear 헤드로 된\n   nn.Module. model(x)은",
        ],
        [
            "1. build_vocab(words)은 words에 나오는 서로 다른 문자를 처음 나온 순서대로 담은\n   리스트를 돌려줍니다.",
            "- 텐서는 device에 있어야 합니다(None이면 CPU).",
            "1. rnn_cell(x_t, h_prev) -> h_t. 위의 한 줄을 계산합니다.",
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
        ["build_rnn(4, 2)을 호출했습니다(파일 3번째 줄).", "연습(build_vocab, make_batch)"],
    ),
    "code alone as a sentence": (
        ["호출할 때마다 배치를 받은 장치에 두세요. .to(device or 'cpu')."],
        ["호출할 때마다 배치를 받은 장치에 두세요. .to(device or 'cpu')를 쓰세요."],
    ),
    "an imperative inside brackets": (
        ["프로그램을 끝내거나 멈추게 하면 안 됩니다(sys.exit, os._exit, ctypes를 쓴 코드를 지우세요)."],
        ["프로그램을 끝내거나 멈추게 하면 안 됩니다. sys.exit를 쓴 코드를 지우세요.", "쓰세요(파일 3번째 줄)."],
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
        ],
    ),
    "a memo's ending among 합니다체": (
        [
            "설치함: {package}",
            "h_n[0, i]는 단어 i의 마지막 은닉 상태입니다(outputs[i, -1]과 같음).",
            "시간을 재기 전에 작성함",
        ],
        ["{package}을 설치했습니다.", "다음: {command}", "처음 상태로 되돌립니다.", "없음"],
    ),
    "English error text outside code font": (
        [
            "{what}이 {kind}를 일으켰습니다{where}. 오류 메시지: {error}.",
            "kata: {folder}를 만들지 못했습니다({error}).",
        ],
        [
            "{what}이 {kind}를 일으켰습니다{where}. 오류 메시지는 `{error}`입니다.",
            "{path} {line}번째 줄: {kind}: {error}",
        ],
    ),
    # the tenth review
    "-들 on a thing": (
        [
            "찾은 길이들(또는 길이가 다른 단어)",
            "reshape나 view는 숫자를 메모리 순서대로 두어서 단어들이 섞입니다.",
            "빈 단어들",
        ],
        ["찾은 길이(또는 길이가 다른 단어)", "여러분들", "그들은"],
    ),
    "one 때문입니다 over three clauses": (
        [
            "{module}은 이 연습에서 import할 수 있는 모듈이 아니고, rnn의 사본은 다른 모듈이며 이 연습은 받은 rnn을 "
            "그대로 실행하는 것이기 때문입니다."
        ],
        [
            "{module}은 이 연습에 필요한 모듈이 아니기 때문입니다. rnn을 복사하면 다른 모듈이 되는데, "
            "이 연습은 받은 rnn 자체를 실행해야 합니다."
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
    "one thing said twice": (
        [
            "['h', 'e', 'l', 'o', 'i', 'ʃ', 'ŋ', 'b', 'a', 'n', 'd', '... 등을 돌려줬습니다.",
            "서로 다른 실수 여러 가지가 정확히 이 값을 만듭니다. 원인은 둘 중 하나입니다. (1) {first} (2) {second}",
            "run_rnn은 RNN이 어느 장치에 있든, meta 장치에 있어도 RNN을 그 장치에서 그대로 실행한다",
            "기여하려면 새 컴퓨터에서 `make install` 다음 `make check`를 실행하세요.",
        ],
        [
            "['h', 'e', 'l', 'o', 'i', 'ʃ', 'ŋ', 'b', 'a', 'n', 'd', ...]로 시작하는 리스트를 돌려줬습니다.",
            "서로 다른 실수 두 가지가 정확히 이 값을 만듭니다. 원인은 둘 중 하나입니다.",
            "`make install`을 실행한 다음 `make check`를 실행하세요.",
        ],
    ),
}

# Where a check looks at one kind of text only: a sample stands where that kind is.
WHERE = {"an aside in brackets inside a test title": "message: make_batch puts the batch on the device it is given"}


def test_every_check_has_reviewed_samples() -> None:
    assert set(REVIEWED) == set(korean_style.CHECKS)


@pytest.mark.parametrize("check", sorted(korean_style.CHECKS))
def test_the_check_catches_what_the_review_marked(check: str) -> None:
    bad, good = REVIEWED[check]
    where = WHERE.get(check, "message: Sample.")
    missed = [text for text in bad if not korean_style.CHECKS[check](where, text)]
    flagged = [text for text in good if korean_style.CHECKS[check](where, text)]
    assert not missed, f"{check} does not catch {missed}"
    assert not flagged, f"{check} flags right text: {flagged}"


@pytest.mark.parametrize("check", sorted(korean_style.CHECKS))
def test_no_korean_text_has_the_defect(check: str) -> None:
    found = korean_style.findings(korean_text.korean_texts(), check)
    assert not found, f"{len(found)} found ({check}); GLOSSARY.md says how to write it:\n" + "\n".join(found[:15])


def test_the_texts_checked_include_every_kind_of_korean_text() -> None:
    texts = korean_text.korean_texts()
    kinds = {where.split(":")[0].split(" ")[0].split(".")[0] for where in texts}
    assert {"message", "exercises", "instructions", "kata"} <= kinds, kinds
    assert sum(where.startswith("instructions.") for where in texts) == 7
    assert any(where.startswith("kata.ipynb") for where in texts), "the notebook's Korean is checked too"


@pytest.mark.parametrize("check", sorted(korean_style.CHECKS))
def test_readme_ko_has_no_defect_a_check_sees(check: str) -> None:
    """README.ko.md's prose; its sample report (a fenced block) is the real output, held to the
    catalogue by grader_tests/test_korean.py."""
    readme = re.sub(r"```.*?```", "", (ROOT / "README.ko.md").read_text(encoding="utf-8"), flags=re.S)
    paragraphs = {f"README.ko.md paragraph {i}": p for i, p in enumerate(readme.split("\n\n"))}
    found = korean_style.findings(paragraphs, check)
    assert not found, "\n".join(found[:15])


def test_a_command_in_instructions_is_shown_as_the_learner_types_it() -> None:
    """The review found `make explain EX=ex04` printed to a learner who used `python -m kata`,
    and in the notebook's text."""
    from kata.core.launcher import MAKE, NOTEBOOK, TERMINAL, as_typed

    text = "한국어 설명: make explain EX=ex04. make test로 확인하세요. make check는 그대로."
    assert as_typed(text, how=MAKE) == text
    assert as_typed(text, how=TERMINAL) == (
        "한국어 설명: python -m kata explain ex04. python -m kata test로 확인하세요. make check는 그대로."
    )
    assert as_typed(text, how=NOTEBOOK).startswith("한국어 설명: %kata explain ex04. %kata test로")
    notebook = (ROOT / "kata.ipynb").read_text(encoding="utf-8")
    assert "make explain" not in notebook and "make test" not in notebook


# Labels the tests built in English and reports showed on a Korean screen (issue 30's review).
OLD_LABELS = """
def test_x(ex, model, what, vocab_size):
    expect_tensor(call(model, x), "CharRNN(5, 8)(x) for x of shape (3, 6, 5)", shape=(3, 6, 5))
    expect_tensor(call(model, x), f"{what}(x) for x of shape (2, 5, {vocab_size})", shape=(2, 5, vocab_size))
    got = predicted(ex, model, "hihell", VOCAB, f"predict(<model from {what}>, 'hihell', {VOCAB})")
"""


def test_no_test_shows_an_english_label_on_a_korean_screen() -> None:
    assert len(korean_code_font.untranslated_labels(OLD_LABELS)) == 3
    assert not korean_code_font.untranslated_labels(
        '_("CharRNN(5, 8)(x) for x of shape (3, 6, 5)")\nf(advice="Use a head.")'
    )
    found = [
        f"{path.relative_to(ROOT)} {label}"
        for folder in ("tests", "hidden_tests")
        for path in sorted((ROOT / folder).glob("test_*.py"))
        for label in korean_code_font.untranslated_labels(path.read_text(encoding="utf-8"))
    ]
    assert not found, "wrap it in _() and translate it in ko.po:\n" + "\n".join(found)


def test_a_korean_aside_in_brackets_wraps_as_prose_but_a_value_stays_whole() -> None:
    """The review's ragged lines: "이 / 연습에서 쓸 수 / 없습니다(주어진 rnn은 … 않으므로)." kept the
    whole aside as one word and left short lines before it."""
    from kata.core.text import prose_asides, width_of, wrap

    line = (
        "ex06.py 9번째 줄: `rnn(batch)`은 이 연습에서 쓸 수 없습니다(주어진 rnn은 가중치와 크기만 쓰고 "
        "실행하지 않으므로). 모양은 (3, 5, 4)입니다."
    )
    lines = wrap(line, 60, "    ")
    assert all(width_of(piece) >= 50 for piece in lines[:-1]), lines
    assert any("(3, 5, 4)입니다." in piece for piece in lines), lines
    assert prose_asides("없습니다(주어진 rnn은 실행하지 않으므로). (3, 5, 4)와 f(a, b)") == {4, 23}


def test_a_filled_in_location_sits_right_after_its_korean_word() -> None:
    """The review's "호출했습니다 (파일 5번째 줄)" beside "없습니다(…)": one form, no space after Hangul.
    (No description ends in "…때" any more: grader_tests/korean_templates.py.)"""
    from kata.i18n.korean import fill

    where = " (a.py 3번째 줄)"
    assert fill("호출했습니다{where}.", {"where": where}) == "호출했습니다(a.py 3번째 줄)."
    assert (
        fill("일으켰습니다: {error}{where}.", {"error": "boom", "where": where})
        == "일으켰습니다: boom (a.py 3번째 줄)."
    )
    assert fill("{what}의 h_n", {"what": "run_rnn(rnn, batch)"}) == "run_rnn(rnn, batch)의 h_n"


def test_readme_ko_code_lines_fit_80_columns() -> None:
    """The review's README.ko.md comment line ("make test  # 처음 실행할 때 환경(…)을 만들고,
    연습을 채점합니다") ran past 80 columns in a terminal; the sample report is held to the real
    output elsewhere, and every other fenced line fits (Hangul counts two)."""
    from kata.core.text import width_of

    blocks = re.findall(r"```[a-z]*\n(.*?)```", (ROOT / "README.ko.md").read_text(encoding="utf-8"), flags=re.S)
    wide = [line for block in blocks for line in block.splitlines() if width_of(line) > 80]
    assert (
        width_of("make test             # 처음 실행할 때 환경(./.venv, 고정된 torch)을 만들고, 연습을 채점합니다") > 80
    )
    assert blocks and not wide, "\n".join(wide)


def test_a_type_name_is_said_in_korean() -> None:
    """The review's "ndarray <(4,) float64>를 돌려줬습니다": `{kind_got!t}` says Python's type in
    Korean; a class of the learner's own, or float32, stays as it is."""
    from kata.i18n.korean import fill

    template = "{what}이 {kind_got!t} {value}을 돌려줬습니다."
    assert fill(template, {"what": "f(1)", "kind_got": "ndarray", "value": "<(4,) float64>"}) == (
        "f(1)가 numpy 배열 <(4,) float64>를 돌려줬습니다."
    )
    assert (
        fill(template, {"what": "f(1)", "kind_got": "list", "value": "[1.0]"}) == "f(1)가 리스트 [1.0]을 돌려줬습니다."
    )
    assert (
        fill(template, {"what": "f(1)", "kind_got": "NoneType", "value": "None"}) == "f(1)가 None을 돌려줬습니다."
    )  # review 12
    assert fill(template, {"what": "f(1)", "kind_got": "MyRNN", "value": "<MyRNN>"}).startswith("f(1)가 MyRNN <MyRNN>")


def test_a_filled_in_sentence_keeps_one_period() -> None:
    """The review's "…num_layers를 바로 쓰세요..": an error message that ends its own sentence,
    filled in before the template's period ("오류 메시지: {error}.")."""
    from kata.i18n.korean import fill

    template = "{what}이 {kind}를 일으켰습니다. 오류 메시지: {error}."
    values = {"what": "f(1)", "kind": "RuntimeError", "error": "바로 쓰세요."}
    assert fill(template, values) == "f(1)가 RuntimeError를 일으켰습니다. 오류 메시지: 바로 쓰세요."
    assert fill(template, {**values, "error": "boom"}).endswith("오류 메시지: boom.")


def sentence_forms(pairs: list[tuple[str, str]]) -> list[str]:
    """English sentences (of 25 characters or more) that several messages share, where those
    messages' Korean shares no sentence: one English sentence, two Korean forms."""
    from collections import defaultdict

    def split(text: str, marks: str) -> list[str]:
        return [s.strip() for s in re.split(rf"(?<=[{marks}])\s+", text) if s.strip()]

    users: dict[str, list[str]] = defaultdict(list)
    for english, korean in pairs:
        for sentence in split(english, ".!?:;"):
            if len(sentence) >= 25:
                users[sentence].append(korean)
    return [
        f"{sentence!r}: " + " | ".join(korean)
        for sentence, korean in users.items()
        if len(korean) > 1 and not set.intersection(*(set(split(k, ".!?")) for k in korean))
    ]


def test_one_english_sentence_has_one_korean_form() -> None:
    """The review's "h_n is never batch-first" said two ways ("…배치 우선이 아니라 …입니다." and
    "…배치 우선이 아닙니다."), and "Build its nn.RNN with batch_first=True." as "RNN을 …" beside
    "nn.RNN을 …": a sentence the English repeats reads the same in Korean."""
    from kata.i18n import po

    bad = [
        (
            "h_n is never batch-first: it is (num_layers, batch, hidden_size).",
            "h_n은 배치 우선이 아닙니다. 언제나 (…)입니다.",
        ),
        (
            "h_n is never batch-first: it is (num_layers, batch, hidden_size) even with x.",
            "h_n은 x여도 배치 우선이 아니라 (…)입니다.",
        ),
    ]
    assert sentence_forms(bad)
    assert not sentence_forms([(e, k.replace("x여도 ", "")) for e, k in bad[:1] * 2])
    entries = po.parse((ROOT / "kata" / "i18n" / "locales" / "ko.po").read_text(encoding="utf-8"))
    found = sentence_forms([(e.msgid, e.msgstr) for e in entries if e.translated and e.msgctxt is None])
    assert not found, "\n".join(found)


def test_a_particle_follows_a_word_not_a_cut_or_empty_value() -> None:
    """The review's "build_vocab([' '])이 []을 돌려줬습니다" and "[-0.907...을 돌려줬습니다": a
    particle guessed from nothing, or from the digit where a value was cut. An empty container is
    named (빈 리스트 []를); a cut value is said to start with what is shown ("…로 시작하는 리스트를"),
    so the cut is said once (review 10: "'d', '... 등을" said it twice, "..." and 등)."""
    from kata.i18n.korean import fill

    template = "{what}이 {got}을 돌려줬습니다."
    assert fill(template, {"what": "f()", "got": "[]"}) == "f()가 빈 리스트 []를 돌려줬습니다."
    assert (
        fill(template, {"what": "f()", "got": "[tensor([[-0.907..."})
        == "f()가 [tensor([[-0.907...로 시작하는 리스트를 돌려줬습니다."
    )
    assert fill(template, {"what": "f()", "got": "[1, 2]"}) == "f()가 [1, 2]를 돌려줬습니다."
    # the ninth review: a value cut after a space ("Agreeable([[[0., …, [0., 0., ...을")
    cut = "Agreeable([[[0., 0.], [0., 0., ..."
    assert fill(template, {"what": "f()", "got": cut}) == f"f()가 {cut}로 시작하는 값을 돌려줬습니다."
    assert fill(template, {"what": "f()", "got": "{'h_n': (False, ..."}).endswith(
        "(False, ...로 시작하는 딕셔너리를 돌려줬습니다."
    )
    # review 10: a list cut between its items, closed
    cut = "['h', 'e', 'l', 'o', 'i', 'ʃ', 'ŋ', 'b', 'a', 'n', 'd', ...]"
    assert fill(template, {"what": "f()", "got": cut}) == f"f()가 {cut}로 시작하는 리스트를 돌려줬습니다."
    assert not korean_style.said_twice(fill(template, {"what": "f()", "got": cut}))
    assert fill("{got}입니다.", {"got": "[]"}) == "[]입니다."  # no particle: the value as it is


def test_a_long_list_is_cut_between_its_items() -> None:
    """Review 10: "['h', …, 'd', '..." cut inside a quoted item. A list or a tuple too long for a
    message keeps whole items and closes its bracket after the cut: "['h', …, 'd', ...]"."""
    from kata.testing.values import short

    vocab = list("heloiʃŋbandxyzqrstuvw")
    said = short(vocab)
    assert said.endswith(", ...]") and len(said) <= 60, said
    assert said.startswith("['h', 'e', 'l', 'o'") and "'..." not in said, said
    said = short(tuple(range(100)))
    assert said.endswith(", ...)") and len(said) <= 60, said
    assert short([1, 2]) == "[1, 2]"


def test_a_line_never_breaks_inside_a_path_a_line_number_or_returned_code() -> None:
    """The review's broken values: "...일으켰습니다(.../ex02_batc / h.py 5번째 줄)" with an orphan
    "KeyboardInterrupt를" before it, "ex02_batch.py 2번째 / 줄)", "raise / ValueError(...)",
    "return outputs, / h_n". A location glued to its verb may start a line; a path, N번째 줄 and
    the code after raise or return stay whole."""
    from kata.core.text import indent

    path = "/tmp/impl-skips-and-interrupts/submission/ex02_batch.py"
    text = indent(
        f"make_batch(words, vocab)이 KeyboardInterrupt를 일으켰습니다({path} 5번째 줄). 다시 하세요.", "    ", 80
    )
    assert f"({path} 5번째 줄)." in text and "KeyboardInterrupt를 일으켰습니다\n" in text, text
    long_path = "/tmp/" + "/".join(["scenarios"] * 9) + "/ex07_train_hihello.py"
    long_text = indent(f"{long_path}를 여세요.", "    ", 80)  # too long for a line: broken after a slash only
    assert all(line.endswith("/") for line in long_text.splitlines()[:-2]), long_text
    assert "ex07_train_hihello.py를" in long_text and all(len(line) <= 80 for line in long_text.splitlines()), long_text
    for code in ('raise ValueError(f"{char!r} is not in the vocabulary")', "return outputs, h_n."):
        for width in range(60, 81):  # wide enough for the code: it is never broken
            lines = indent(f"먼저 직접 확인하세요. 그리고 {code} 그다음에", "  ", width).splitlines()
            assert any(code in line for line in lines), (width, lines)
    for width in range(40, 81):
        assert "2번째 줄)" in indent("값이 틀렸습니다. 오류가 났습니다(exercises/ex02_batch.py 2번째 줄).", "", width)


@pytest.mark.parametrize("line", ["watch", "nosuchcommand", ""])
def test_notebook_messages_fit_80_columns(line: str, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """The review's notebook lines of 110 to 188 columns ("kata를 불러왔습니다. 사용법: ...", "watch를
    실행하면 이 셀이 끝나지 않습니다..."): the magic's messages wrap as the reports do."""
    from kata.core.text import width_of
    from kata.learner import notebook

    monkeypatch.setenv("KATA_LANG", "ko")
    notebook.kata_magic(line)
    printed = capsys.readouterr().out
    assert printed.strip() and all(width_of(row) <= 80 for row in printed.splitlines()), printed


def test_the_notebook_set_up_cell_prints_lines_that_fit() -> None:
    from kata.core.text import width_of
    from kata.instructor.notebook import ALONE, ALONE_KO

    assert all(width_of(row) <= 80 for text in (ALONE, ALONE_KO) for row in text.split("\\n"))


def test_was_after_a_value_fits_its_final_sound() -> None:
    """The review's "['hello', 'eolll', 'lleel']였고" and "(3, 5, 3)였고": 이었고 after a final
    consonant, 였고 after a vowel, as the templates' "{was}였고" is filled in."""
    from kata.i18n.korean import fill

    template = "호출 전에는 {was}였고 호출 뒤에는 {now}입니다"
    assert fill(template, {"was": "(3, 5, 3)", "now": "(3, 5)"}).startswith("호출 전에는 (3, 5, 3)이었고 ")
    assert fill(template, {"was": "['hello', 'lleel']", "now": "[]"}).startswith(
        "호출 전에는 ['hello', 'lleel']이었고 "
    )
    assert fill(template, {"was": "torch.float32", "now": "x"}).startswith("호출 전에는 torch.float32였고 ")
    assert fill("전에는 {was}이었고", {"was": "True"}) == "전에는 True였고"


def test_a_device_filled_in_is_code() -> None:
    """The review's "파라미터 weight_ih_l0이 cuda:0에 있습니다. cpu에 있어야 합니다." beside "CPU에 둔다":
    where the English says "on {got}", the Korean writes the device as code, `{got}`."""
    where = "message: {what}: parameter {name} is on {got}; expected {want}. Create the module with device=device."
    check = korean_style.device_string_in_prose
    assert check(where, "{what}: 파라미터 {name}이 {got}에 있습니다. {want}에 있어야 합니다.") == [
        "{got} without backticks",
        "{want} without backticks",
    ]
    assert not check(where, "{what}: 파라미터 {name}은 `{want}`에 있어야 하는데 `{got}`에 있습니다.")


def test_every_message_names_a_call_with_its_module() -> None:
    """The review's "build_vocab(["hello"])이 ...을 돌려줬습니다" beside "ex01_one_hot.encode_word(...)이
    ...": a message that opens with a call of an exercise's function names its module too."""
    from kata.i18n import po

    check = korean_code_font.bare_exercise_call
    assert check('build_vocab(["hello"]) returned {short_got}; expected {NOTE_VOCAB}.')
    assert check("Fine. predict(<model from {what}>, 'hihell', {VOCAB}) returned {got}.")
    assert check("CharRNN(5, 8) is {short_model}; expected an nn.Module.")
    assert not check("ex01_one_hot.build_vocab(['hello']) returned {short_got}.")
    assert not check("{what} returned {got}: what rnn_shapes gives when it takes its parameters in another order.")
    titles = korean_text.graded_titles()
    entries = po.parse((ROOT / "kata" / "i18n" / "locales" / "ko.po").read_text(encoding="utf-8"))
    found = [
        f"{e.msgid[:80]!r}: {bare}"
        for e in entries
        if e.msgctxt is None and not e.obsolete and e.msgid not in titles
        for bare in check(e.msgid)
    ]
    assert not found, "\n".join(found)


def test_the_kata_device_message_writes_device_strings_as_code(monkeypatch: pytest.MonkeyPatch) -> None:
    """The ninth review's "KATA_DEVICE='tpu'는 쓸 수 없습니다. cpu, cuda, mps 중 하나를 고르세요.": the
    glossary writes a device string as code, `cpu`, wherever it stands; so does this message.
    In this process: settings are read again (the autouse fixture clears them after the test)."""
    from kata.core.settings import settings
    from kata.testing.device import pick_device

    monkeypatch.setenv("KATA_LANG", "ko")
    monkeypatch.setenv("KATA_DEVICE", "tpu")
    monkeypatch.setenv("PYTORCH_NVML_BASED_CUDA_CHECK", "1")  # pick_device sets it: restored after
    settings.cache_clear()
    with pytest.raises(ValueError) as raised:
        pick_device()
    printed = str(raised.value)
    assert "쓸 수 없습니다" in printed, printed
    assert not korean_style.device_string_in_prose("message: Sample.", printed), printed
    assert "`cpu`, `cuda`, `mps`" in printed


def test_a_test_names_an_exercise_call_with_its_module() -> None:
    """The ninth review's "encode_word('', ['h', 'e', 'l', 'o'])의 모양이" beside
    "ex01_one_hot.build_vocab(…)이" in one report: a label a test writes by hand for a call of an
    exercise's function names its module too (label() does; CharRNN(5, 8) names a model)."""
    functions = [f for f in korean_code_font.EXERCISE_FUNCTIONS if f != "CharRNN"]
    bare = re.compile(r'f"(?:' + "|".join(functions) + r")\(")
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("tests", "hidden_tests")
        for path in sorted((ROOT / folder).glob("test_*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if bare.search(line)
    ]
    assert not found, "\n".join(found)

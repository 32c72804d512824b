"""Sentences from the catalogue issue 30's review graded, for each check of
grader_tests/korean_sentences.py and korean_text.py (register, word choice, sentences and their
punctuation): each a defect of its class, and fixed sentences of the same class that must pass
(grader_tests/unit/test_korean_style.py)."""

from __future__ import annotations

from grader_tests.reviewed_words import REVIEWED_WORDS

REVIEWED_SENTENCES: dict[str, tuple[list[str], list[str]]] = {
    **REVIEWED_WORDS,
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
            # review 16, classes 3-5
            "받은 rnn을 있는 장치에서 실행하세요.",
            "rnn을 있는 장치에서 그대로 실행하세요.",
            "{what}: 모델의 nn.RNN은 입력 {vocab_size}개({vocab}의 문자마다 하나)를 hidden_size={hidden_size}로 읽어야 하는데",
            "모델에는 입력 4개 (['a', 'b', 'c', 'd']의 문자마다 하나)를 hidden_size=6으로 읽는 nn.RNN이 있어야 하는데",
            "옵티마이저가 model.parameters()를 받은 lr로 갱신하는지 확인하세요.",
            # review 15, class 3
            "이 테스트는 끝까지 실행되지 않았습니다. {doing}을 실행하는 동안 건너뛰어졌습니다(skip).",
            "문자마다가 아니라 어휘 항목마다 인덱스가 하나씩 나옵니다.",
            "nn.CrossEntropyLoss()는 log-softmax를 스스로 적용합니다.",
            "그것을 담고 있던 프로세스(작성한 코드를 실행하던 프로세스)가 이미 끝났습니다.",
            "'hihell' -> 'ihello'의 로짓으로 nn.CrossEntropyLoss()를 계산해 학습하세요.",
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
            "멈출 때 ex01_one_hot.one_hot이 15번 줄을 실행하고 있었습니다.",
            "학습자가 쓰는 명령을 입력하는 그대로 보여 줍니다.",
            "train(seed=...)은 같은 seed는 같은 손실을, 다른 seed는 다른 손실을 돌려준다",
            "이 노트북만 따로 열렸습니다.",
            "연습 파일을 채점하고 results.json을 씁니다.",
            "결과를 쓸 파일입니다.",
            "make {command} OUT=...: 어디에 쓸지 알려 주세요.",
            "RNN이 입력을 시간 우선으로, 즉 시퀀스 5개짜리 배치 하나의 시점 3개로 읽었습니다.",
            "노트의 5글자 단어 3개를 문자 4개짜리 어휘로 인코딩하면",
            # review 29, classes 1 and 3 and query 5
            ".squeeze()는 크기가 1인 축(단어 하나, 한 글자 단어, 문자 하나짜리 어휘)을 모두 없앱니다.",
            "시점을 순회하는 반복문으로 nn.RNN의 출력을 그 가중치에서 계산하기",
            "reshape가 있어야 빈 단어도 모양을 지킵니다.",
            "이 폴더 아래 어디에 있든 연습 파일을 찾아 채점합니다(grade-all과 자동 채점기처럼).",
            "각 항을 확인하세요: x_t @ weight_ih.T, h_prev @ weight_hh.T, 편향 두 개, 그리고 tanh.",
            "표준 라이브러리, numpy, torch, 그리고 앞서 푼 연습을 쓸 수 있습니다.",
            # review 35, classes 3, 5 and 6
            "보고한 내용(텐서가 있는 장치, autograd 그래프를 유지하는지, 어느 줄에서 예외를 일으켰는지)으로 판정하고,",
            "힌트를 어디까지 보았는지, 진행 기록과 백업은 `.kata/`에 저장됩니다.",
            "명령은 `make reset`과 노트북의 `%%kata exNN` 셀(그 셀을 연습 파일로 저장합니다)뿐입니다.",
            "어떤 RNN이든 실행하지 않고 빈칸을 채워 보세요.",
        ],
        [
            "이미 본 힌트 수, 진행 기록과 백업은 `.kata/`에 저장됩니다.",
            "명령은 `make reset`과, 셀 내용을 연습 파일로 저장하는 노트북의 `%%kata exNN` 셀뿐입니다.",
            "RNN을 실행하지 않고, 어떤 RNN에서든 빈칸을 채워 보세요.",
            # review 16, classes 3-5
            "받은 rnn이 있는 장치에서 그대로 rnn을 실행하세요.",
            "{what}: 모델의 nn.RNN은 입력 {vocab_size}개({vocab}의 문자마다 하나)를 받아 hidden_size={hidden_size}인 은닉 상태를 만들어야 하는데",
            "옵티마이저가 받은 lr로 model.parameters()를 갱신하는지 확인하세요.",
            "`import {name}`으로 불러온 것은 {path}가 아니라 {found}입니다.",
            "build_rnn은 받은 장치가 meta 장치여도 모든 매개변수를 그 장치에 둔다",
            "단어를 한 줄로 이어 붙였습니다.",
            "채점기가 중단했을 때 ex01_one_hot.one_hot이 15번 줄을 실행하던 중이었습니다.",
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
            # review 29
            ".squeeze()는 크기가 1인 축(단어 하나, 한 글자 단어, 문자가 하나뿐인 어휘)을 모두 없앱니다.",
            "시점을 순회하는 반복문으로 nn.RNN의 출력을 그 가중치로 계산하기",
            "reshape가 있어야 빈 단어에서도 배열의 모양이 유지됩니다. 단어가 없으면 모양을 정할 수 없습니다.",
            "이 폴더 아래 어디에 있든 연습 파일을 찾아 채점합니다(grade-all과 자동 채점기가 찾는 방식대로).",
        ],
    ),
    "a sentence without its final period": (
        ["{path} 파일을 여세요", "이전 버전은 {backup}에 있습니다"],
        ["이전 버전은 {backup}에 있습니다.", "종료 코드 {code}로"],
    ),
    "a period on both sides of an aside": (["값이 틀립니다. (파일 3번 줄)."], ["값이 틀립니다(파일 3번 줄)."]),
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
    "an aside after a connective ending": (  # review 29, class 2
        [
            "각 outputs[:, t]에 t 시점을 계산하기 전의 은닉 상태가 들어 있어서(첫 번째는 0으로 채운 h_0) 출력이 한 시점씩 늦습니다.",
            "단어마다 인코딩하고(ex01의 encode_word), 그 결과를 새로 만든 첫 축을 따라 쌓으세요.",
            # review 30, class 1: -다가, which the check missed
            "{what}은 실행되는 동안 받은 RNN을 바꿨다가({change}) 값을 돌려주기 전에 원래대로 돌려놓았습니다.",
            "단어 길이가 서로 같지 않으면(처음과 마지막만이 아니라) ValueError를 일으키세요.",
            # review 31, class 1: a name given after the verb
            '이 kata가 따라가는 강의 노트는 모두를 위한 딥러닝 시즌 2의 "RNN basics" 실습입니다(이하 노트).',
        ],
        [
            "각 outputs[:, t]에 t 시점을 계산하기 전의 은닉 상태(첫 번째는 0으로 채운 h_0)가 들어 있어서 출력이 한 시점씩 늦습니다.",
            "ex01의 encode_word로 단어마다 인코딩하고, 그 결과를 새로 만든 첫 축(축 0)을 따라 쌓으세요.",
            "결과를 저장합니다(기본값: results.json). 이름을 바꿔서 쓰세요.",
            '이 kata가 따라가는 강의 노트는 "모두를 위한 딥러닝 시즌 2"(PyTorch판)의 "RNN basics" 실습(이하 노트)입니다.',
            "{what}은 실행되는 동안 받은 RNN을 바꿨습니다({change}). 값을 돌려주기 전에 원래대로 돌려놓았지만, 호출 내내 "
            "RNN을 받은 그대로 쓰세요.",
            "인자(seen=[])를 넘기세요. 어휘 순서({order})대로 쌓으세요.",
        ],
    ),
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
    # review 25, classes 2 and 3
    "a sentence whose subject or means the reader must untangle": (
        [
            "바뀐 가중치가 없습니다. model.parameters()로 만든 옵티마이저로 loss.backward() 다음에 optimizer.step()을 호출하세요.",
            "build_rnn이 만든 RNN이 run_rnn이 받는 배치를 읽어야 합니다.",
            "이 테스트 전에 프로그램이 종료되었거나, 비정상 종료되었거나, 너무 오래 걸려 채점기가 강제로 중단했습니다.",
            # review 26, classes 1 and 3
            "{what}이 만들고 노트의 배치를 넣어 실행한 RNN",
            "{what}이 만들고 (3, 5, 4) 배치를 넣어 실행한 RNN",
            "작성한 코드를 실행하던, 그것을 담고 있던 프로세스가 이미 끝났습니다.",
        ],
        [
            "바뀐 가중치가 없습니다. loss.backward() 다음에 optimizer.step()을 호출하세요. 옵티마이저는 "
            "model.parameters()로 만들어야 합니다.",
            "build_rnn으로 만든 RNN은 run_rnn이 받는 배치를 읽을 수 있어야 합니다.",
            "이 테스트 전에 그 프로세스가 스스로 끝났거나, 비정상 종료되었거나, 너무 오래 걸려 강제로 중단되었습니다.",
            "build_rnn은 편향이 있고 가중치가 float32인, 층이 하나인 tanh nn.RNN을 장치에 만든다",
            "{what}으로 만들어 (3, 5, 4) 배치를 넣어 실행한 RNN",
            "여러분이 읽고 쓸 수 있는 것은 그 코드도 읽고 쓸 수 있습니다.",
            "작성한 코드를 실행하며 그것을 담고 있던 프로세스가 이미 끝났습니다.",
        ],
    ),
    "a list whose 와 joins a clause or another 와": (  # review 26, class 2
        [
            "쓸 수 있는 것: 일반 Python 함수, torch 텐서 연산과 받은 rnn을 그대로 호출하는 것. import는 torch, numpy, "
            "math와 typing만 할 수 있습니다.",
            "쓸 수 있는 것: 일반 Python 함수, torch 텐서 연산과 rnn의 가중치와 크기(rnn.weight_ih_l0, "
            "rnn.hidden_size 등).",
        ],
        [
            "쓸 수 있는 것: 받은 rnn을 그대로 호출하는 것, 일반 Python 함수와 torch 텐서 연산. import는 torch, numpy, "
            "math와 typing만 할 수 있습니다.",
            "쓸 수 있는 것: rnn의 가중치와 크기(rnn.weight_ih_l0, rnn.hidden_size 등), 일반 Python 함수와 torch 텐서 연산.",
            "표준 라이브러리, numpy, torch와 앞에서 푼 연습만 쓰세요.",
            "input_size와 hidden_size는 받은 그대로 넘기세요.",
        ],
    ),
    "a title or help row vaguer than its sibling": (
        ["rnn_forward는 어떤 배치, 길이와 크기에서도 nn.RNN과 같다", "통과한 연습의 모범 답안과 차이를 보여 줍니다."],
        [
            "rnn_forward는 어떤 배치, 길이와 크기에서도 nn.RNN과 같은 값을 돌려준다",
            "통과하면 모범 답안을 코드와 비교해 보여 줍니다.",
        ],
    ),
    "a memo's ending among 합니다체": (
        [
            "설치함: {package}",
            "h_n[0, i]는 단어 i의 마지막 은닉 상태입니다(outputs[i, -1]과 같음).",
            "시간을 재기 전에 작성함",
        ],
        [
            "{package}을 설치했습니다.",
            "다음: {command}",
            "처음 상태로 되돌립니다.",
            "없음",
            "(메시지 없음)",  # review 25, query 1: a placeholder line under a test is a label
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
    # review 14, class 1: a hint that asks with -세요 keeps asking to its end
    "a statement among -세요 requests": (
        [
            # review 16, class 2: a statement that opens a hint of requests
            "단어 양 끝의 공백까지 모든 문자를 어휘에 넣습니다. strip()이나 정렬은 쓰지 마세요.",
            "input_size와 hidden_size는 받은 그대로 넘기세요. batch_first 말고는 nn.RNN의 다른 설정을 기본값 그대로 둡니다.",
            "받은 장치에 RNN을 만드세요. nn.RNN(..., device=device)으로 만들거나 만든 뒤 .to(device)를 호출합니다.",
            "배치를 그대로 넣으세요. 한쪽은 batch_first=True로 만들고, 다른 쪽은 배치를 건드리지 않습니다.",
            "출력의 축을 다시 바꾸세요. h_n은 그대로 둡니다.",
            "원-핫 입력을 모델이 있는 장치에 만드세요. make_batch([text], vocab, device)처럼 씁니다.",
            # review 15, class 1
            "nn.RNN(input_size, hidden_size, batch_first=True)을 만드세요. 매개변수는 device=...나 .to(...)로 장치에 둡니다.",
            "`{command}`로 시작하세요. 처음 실행할 때 필요한 것을 모두 준비합니다.",
            "노트북에서는 %%kata ex02로 시작하는 셀을 실행하세요. 저장과 채점을 한 번에 합니다.",
            "`make test`를 다시 실행하세요. 모든 연습을 통과할 때까지 반복합니다.",
        ],
        [
            # review 16, class 2
            "단어 양 끝의 공백까지 모든 문자를 어휘에 넣으세요. strip()이나 정렬은 쓰지 마세요.",
            "torch.tensor(a)는 numpy 배열의 float64를 그대로 둡니다. torch.Tensor(a)를 쓰세요.",
            "nn.RNN(input_size, hidden_size, batch_first=True)을 만드세요. 매개변수는 device=...나 .to(...)로 장치에 두세요.",
            "`{command}`로 시작하세요. 이 명령이 처음 실행될 때 필요한 것을 모두 준비합니다.",
            "노트북에서는 %%kata ex02로 시작하는 셀을 실행하세요. 그 셀이 저장과 채점을 한 번에 합니다.",
            "`make test`를 다시 실행하세요. 모든 연습을 통과할 때까지 반복하세요.",
            "오류 메시지를 적으세요. 메시지에는 무엇이 잘못되었는지 적어야 합니다.",
            "rnn을 호출하세요. rnn은 (outputs, h_n)을 돌려줍니다.",
            "batch_first=True로 알려 주세요. 그러지 않으면 nn.RNN은 첫 축을 시간으로 읽습니다.",
            "nn.RNN의 다른 설정은 기본값 그대로 두세요.",
        ],
    ),
    # review 15, class 2: the glossary's "A, B와 C" / "A, B나 C", broken by a comma-only list
    "a list of three closed by a comma only": (
        [
            "rnn_shapes는 어떤 크기, 층 수, 축 순서에서도 올바른 값을 돌려준다",
            "작성한 코드가 중단시켰을 가능성이 큽니다(os.kill, 시그널, ctypes). 또는 os.kill, 시그널, ctypes로 멈췄습니다.",
            "build_rnn은 층이 하나이고 tanh, 편향, float32 가중치를 쓰며, 배치 우선 입력을 읽습니다.",
            "PowerShell에서는 `setup`, `hint`, `explain`, `reset`은 되지만 채점은 할 수 없습니다.",
            "다른 명령은 `%kata hint ex01`, `%kata explain ex01`, `%kata test`, `%kata list`입니다.",
            "순서, 제목, 힌트, 점수는 `kata.toml`에 있습니다.",
            "힌트를 어디까지 보았는지, 진행 기록, 백업은 `.kata/`에 저장됩니다.",
            "모든 연습을 채점하고 상태표, 통과하지 못한 첫 연습의 실패 메시지, 다음 할 일을 보여 줍니다.",
            "설명, 힌트, 채점 결과가 한국어로 나옵니다.",
            "반복마다 optimizer.zero_grad(), 순전파, 손실 계산, loss.backward(), optimizer.step()을 차례로 하세요.",
        ],
        [
            "rnn_shapes는 어떤 크기, 층 수와 축 순서에서도 올바른 값을 돌려준다",
            "작성한 코드가 중단시켰을 가능성이 큽니다(os.kill, 시그널이나 ctypes).",
            "PowerShell에서는 `setup`, `hint`, `explain`과 `reset`은 되지만 채점은 할 수 없습니다.",
            "순서, 제목, 힌트와 점수는 `kata.toml`에 있습니다.",
            '"hello"를 어휘 h, e, l, o로 원-핫 인코딩하면 배치가 됩니다.',
            'train은 text="hihello", hidden_size=8, steps=100, lr=0.1로 학습합니다.',
            "어휘는 build_vocab, 입력은 text, 타깃은 text[1:]입니다.",
            "0으로 채운 은닉 상태에서 시작해서, 각 시점의 새 h를 다음 시점에 넘기고, 마지막 h를 돌려주세요.",
        ],
    ),
    # review 28, class 4: 아래 twice in one sentence, below two different things
    "one demonstrative with two referents in a sentence": (
        [
            "처음부터 다시 하려면 셀의 첫 줄 아래를 모두 지우고 아래에 보이는 처음 상태의 코드를 붙여 넣은 뒤 셀을 실행하세요.",
            "위 셀의 출력을 위에서 찾으세요.",
        ],
        [
            "처음부터 다시 하려면 셀의 첫 줄만 남기고 나머지를 지운 다음, 이 메시지 아래에 보이는 처음 상태의 코드를 "
            "붙여 넣고 셀을 실행하세요.",
            "아래 표에서 모양을 찾으세요. 각 텐서의 모양은 아래 표와 같습니다.",
            "위치를 위해 맨 위층이 아니라 위에 있는 셀을 보세요.",
        ],
    ),
}

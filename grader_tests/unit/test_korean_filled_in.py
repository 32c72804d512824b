"""What is filled into a Korean template reads as Korean: a location right after its word, a
type's name said in Korean, one period, a particle that fits the word or value before it, a
device as code (issue 30's reviews)."""

from __future__ import annotations

from grader_tests import korean_style


def test_a_filled_in_location_sits_right_after_its_korean_word() -> None:
    """The review's "호출했습니다 (파일 5번 줄)" beside "없습니다(…)": one form, no space after Hangul.
    (No description ends in "…때" any more: grader_tests/korean_templates.py.)"""
    from kata.i18n.korean import fill

    where = " (a.py 3번 줄)"
    assert fill("호출했습니다{where}.", {"where": where}) == "호출했습니다(a.py 3번 줄)."
    assert (
        fill("일으켰습니다: {error}{where}.", {"error": "boom", "where": where}) == "일으켰습니다: boom (a.py 3번 줄)."
    )
    assert fill("{what}의 h_n", {"what": "run_rnn(rnn, batch)"}) == "run_rnn(rnn, batch)의 h_n"


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


def test_a_device_filled_in_is_named_as_a_device() -> None:
    """The review's "파라미터 weight_ih_l0이 cuda:0에 있습니다. cpu에 있어야 합니다." beside "CPU에 둔다":
    where the English says "on {got}", the Korean names the device, "{got} 장치". Review 16 (5.6):
    not in backticks the English lacks ("`meta`에 있어야 하는데"): they print literally."""
    where = "message: {what}: parameter {name} is on {got}; expected {want}. Create the module with device=device."
    check = korean_style.device_string_in_prose
    assert check(where, "{what}: 파라미터 {name}이 {got}에 있습니다. {want}에 있어야 합니다.") == [
        "{got} not named as a device ({got} 장치)",
        "{want} not named as a device ({want} 장치)",
    ]
    assert check(where, "{what}: 매개변수 {name}은 `{want}`에 있어야 하는데 `{got}`에 있습니다.") == [
        "`{got}` in backticks the English does not have",
        "`{want}` in backticks the English does not have",
    ]
    assert not check(where, "{what}: 매개변수 {name}은 {want} 장치에 있어야 하는데 {got} 장치에 있습니다.")

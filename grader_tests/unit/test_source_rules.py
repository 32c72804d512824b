"""The judge's own reading of ex05 and ex06: the ways out are refused, naming the line, and the
code learners write is not."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from kata import SOLUTIONS_DIR
from kata.testing.source_rules import first_refusal, refusals

EX05, EX06 = "ex05_time_major", "ex06_rnn_from_scratch"
HEADER = "import torch\nfrom torch import nn\n\n"


def refused(body: str, exercise: str) -> list[int]:
    return [r.line for r in refusals(HEADER + textwrap.dedent(body), exercise)]


@pytest.mark.parametrize("exercise", [EX05, EX06])
def test_the_reference_solutions_keep_the_rules(exercise: str) -> None:
    assert refusals((SOLUTIONS_DIR / f"{exercise}.py").read_text(), exercise) == []


WAYS_OUT = {
    "switches torch functions off": "with torch._C.DisableTorchFunction():\n    pass\n",
    "imports the internals": "from torch._C import DisableTorchFunction\n",
    "runs a string": "exec('x = 1')\n",
    "evaluates": "f = eval('torch')\n",
    "reaches by computed name": "f = getattr(torch, '_' + 'VF')\n",
    "sets by computed name": "setattr(nn, 'RNN', nn.GRU)\n",
    "imports by name": "m = __import__('os')\n",
    "imports importlib": "import importlib\n",
    "imports ctypes": "import ctypes\n",
    "reads sys.modules": "import sys\n",
    "imports gc": "import gc\n",
    "imports inspect": "import inspect\n",
    "goes through __dict__": "d = torch.__dict__\n",
    "loads a pickle": "m = torch.load('m.pt')\n",
    "uses torch.ops": "f = torch.ops.aten.rnn_tanh\n",
    "uses functional_call": "from torch.func import functional_call\n",
    "uses vars": "v = vars(nn)\n",
    "imports another exercise": "from ex03_rnn import run_rnn\n",
}


@pytest.mark.parametrize("exercise", [EX05, EX06])
@pytest.mark.parametrize("way", sorted(WAYS_OUT))
def test_every_way_out_is_refused_in_both(way: str, exercise: str) -> None:
    assert set(refused(WAYS_OUT[way], exercise)) == {4}


@pytest.mark.parametrize(
    "body",
    [
        "def rnn_forward(rnn, batch):\n    return rnn(batch)\n",
        "def rnn_forward(rnn, batch):\n    return rnn.forward(batch)\n",
        "def rnn_forward(rnn, batch):\n    return nn.RNN.forward(rnn, batch)\n",
        "def rnn_forward(rnn, batch):\n    return torch.rnn_tanh(batch)\n",
        "def rnn_forward(rnn, batch):\n    f = rnn\n    return f(batch)\n",
        "def rnn_forward(rnn, batch):\n    return [rnn][0](batch)\n",
        "def run(model, x):\n    return model(x)\n\ndef rnn_forward(rnn, batch):\n    return run(rnn, batch)\n",
    ],
)
def test_ex06_refuses_running_the_given_rnn_by_any_name(body: str) -> None:
    assert refused(body, EX06)


def test_ex06_allows_the_weights_a_helper_and_annotations() -> None:
    body = """
    def cell(x, h, rnn):
        return torch.tanh(x @ rnn.weight_ih_l0.T + rnn.bias_ih_l0 + h @ rnn.weight_hh_l0.T + rnn.bias_hh_l0)

    def rnn_forward(rnn: nn.RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = batch.new_zeros(batch.shape[0], rnn.hidden_size)
        outs = []
        for t in range(batch.shape[1]):
            h = cell(batch[:, t], h, rnn)
            outs.append(h)
        return torch.stack(outs, 1), h[None]
    """
    assert refused(body, EX06) == []


@pytest.mark.parametrize(
    "body",
    [
        "def run_time_major(rnn, batch):\n    rnn.batch_first = True\n    return rnn(batch)\n",
        "def run_time_major(rnn, batch):\n    object.__setattr__(rnn, 'batch_first', True)\n",
        "def run_time_major(rnn, batch):\n    r = rnn\n    return r(batch)\n",
        "def run_time_major(rnn, batch):\n    import copy\n    return copy.deepcopy(rnn)(batch)\n",
        "def run_time_major(rnn, batch):\n    return type(rnn)(4, 2, batch_first=True)(batch)\n",
        "def run_time_major(rnn, batch):\n    return nn.RNN(4, 2, batch_first=True)(batch)\n",
        "def run_time_major(rnn, batch):\n    rnn.train(False)\n    return rnn(batch)\n",
        "def run_time_major(rnn, batch):\n    return rnn.double()(batch.double())\n",
    ],
)
def test_ex05_refuses_changing_or_replacing_the_rnn(body: str) -> None:
    assert refused(body, EX05)


TWINS = {
    "an alias of nn.RNN": "    make = nn.RNN\n    twin = make(rnn.input_size, rnn.hidden_size, batch_first=True)\n",
    "nn.RNN imported by another name": "    from torch.nn import RNN as Twin\n    twin = Twin(rnn.input_size, rnn.hidden_size, batch_first=True)\n",
    "a class picked from a tuple": "    twin = (nn.RNN, nn.GRU)[0](rnn.input_size, rnn.hidden_size, batch_first=True)\n",
    "torch's kernel on the weights": "    return torch.rnn_tanh(batch, h0, list(rnn.parameters()), True, 1, 0.0, False, False, True)\n",
}


@pytest.mark.parametrize("way", sorted(TWINS))
def test_ex05_refuses_a_batch_first_twin_of_the_given_rnn(way: str) -> None:
    """A twin made with batch_first=True and given the rnn's weights gives the right numbers
    without running the given rnn: every way to reach a module class is refused, not only a
    call that names it."""
    copy_weights = (
        "    for mine, given in zip(twin.parameters(), rnn.parameters()):\n        mine.detach().copy_(given)\n"
    )
    body = "def run_time_major(rnn, batch):\n" + TWINS[way] + copy_weights + "    return twin(batch)\n"
    assert refused(body, EX05)


def test_ex05_allows_the_rnn_class_in_annotations() -> None:
    body = """
    from torch.nn import RNN

    def run_time_major(rnn: RNN, batch: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        out, h = rnn(batch.transpose(0, 1))
        return out.transpose(0, 1), h
    """
    assert refused(body, EX05) == []


def test_ex05_allows_tensor_methods_that_share_names_with_module_methods() -> None:
    body = """
    def run_time_major(rnn, batch):
        out, h = rnn(batch.float().transpose(0, 1).to(batch.device))
        return out.transpose(0, 1).contiguous(), h
    """
    assert refused(body, EX05) == []


def test_a_refusal_names_the_file_the_line_and_what_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / f"{EX06}.py"
    path.write_text(
        HEADER + "def rnn_cell(x, h, a, b, c, d):\n    return x\n\n"
        "def rnn_forward(rnn, batch):\n    with torch._C.DisableTorchFunction():\n        return rnn(batch)\n"
    )
    message = first_refusal(path, EX06, "rnn_forward", "exercises/ex06_rnn_from_scratch.py")
    assert message.startswith("exercises/ex06_rnn_from_scratch.py, line 8: `torch._C")
    assert "Allowed:" in message
    assert first_refusal(path, EX06, "rnn_cell", "x.py") == "", "rnn_cell keeps the rules: its tests go on"


def test_code_at_the_top_of_the_file_counts_for_the_functions_that_use_it(tmp_path: Path) -> None:
    path = tmp_path / f"{EX06}.py"
    path.write_text(
        HEADER + "_forward = nn.RNN.forward\n\ndef rnn_forward(rnn, batch):\n    return _forward\n\n"
        "def rnn_cell(x, h, a, b, c, d):\n    return x\n"
    )
    assert "line 4" in first_refusal(path, EX06, "rnn_forward", "x.py")
    assert first_refusal(path, EX06, "rnn_cell", "x.py") == ""


@pytest.mark.parametrize(
    ("body", "exercise"),
    [
        ("import typing\nm = typing.sys.modules\n", EX06),
        ("import typing\nget = typing.operator.attrgetter('_C')\n", EX05),
        ("import numpy as np\nc = np.ctypeslib\n", EX06),
        ("def rnn_forward(net, batch):\n    return net(batch)\n", EX06),
        ("def run_time_major(net, batch):\n    net.batch_first = True\n    return net(batch)\n", EX05),
        ("def rnn_forward(*args):\n    return args[0](args[1])\n", EX06),
        ("def rnn_forward(rnn, batch):\n    return batch._version\n", EX06),
    ],
    ids=[
        "typing.sys",
        "operator.attrgetter",
        "np.ctypeslib",
        "renamed-param",
        "renamed-param-ex05",
        "varargs",
        "underscore",
    ],
)
def test_what_a_hostile_reader_found_is_refused(body: str, exercise: str) -> None:
    """Each of these passed the first version of the rules."""
    assert refused(body, exercise)


def test_a_nested_function_of_the_same_name_does_not_hide_the_rnn() -> None:
    body = """
    def rnn_forward(rnn, batch):
        def rnn_forward(x):
            return x
        module = rnn
        return module(batch)
    """
    assert refused(body, EX06)


@pytest.mark.parametrize(
    "source",
    [
        HEADER + "_setup = exec('x = 1', globals())\n\ndef rnn_forward(rnn, batch):\n    return helper(batch)\n",
        HEADER
        + "import typing\nhints = typing.get_type_hints(print)\n\ndef rnn_forward(rnn, batch):\n    return batch\n",
        HEADER + "class Courier(torch.Tensor):\n    pass\n\ndef rnn_forward(rnn, batch):\n    return batch\n",
        HEADER + "def rnn_forward(rnn, batch):\n    return list(rnn.named_modules())\n",
        HEADER + "def helper(x=exec('1')):\n    return x\n\ndef rnn_forward(rnn, batch):\n    return batch\n",
        HEADER + "import functools\n\ndef rnn_forward(rnn, batch):\n    return batch\n",
    ],
    ids=["code-run-on-import", "get_type_hints", "a-class", "named_modules", "default-that-calls", "functools"],
)
def test_what_a_second_hostile_reader_found_counts_for_the_graded_function(tmp_path: Path, source: str) -> None:
    """Code that runs as the file is imported matters to every function, whatever its name."""
    path = tmp_path / f"{EX06}.py"
    path.write_text(source)
    assert first_refusal(path, EX06, "rnn_forward", "x.py")


def test_ex05_says_why_a_copy_of_the_rnn_is_refused() -> None:
    """`import copy` in ex05 is refused for what it is for: running a copy, not the given rnn."""
    (refusal,) = refusals("import copy\n" + HEADER, EX05)
    assert "a copy of the rnn is another module" in refusal.why, refusal.why


CHEAT = "def cheat(rnn, batch):\n    return torch._VF.rnn_tanh\n\n"
CALLS_HELPER = (
    "def helper(rnn, batch):\n    return batch\n\n\ndef rnn_forward(rnn, batch):\n    return helper(rnn, batch)\n"
)
THIRD_READER = {
    "a BOM": b"\xef\xbb\xbf" + (HEADER + CHEAT + "helper = cheat\n\n" + CALLS_HELPER).encode(),
    "a coding line": b"# -*- coding: latin-1 -*-\n# caf\xe9\n"
    + (HEADER + CHEAT + "helper = cheat\n\n" + CALLS_HELPER).encode(),
    "an annotation that runs code": (
        HEADER + "def setup(a: exec('helper = 1', globals())) -> None:\n    pass\n\n" + CALLS_HELPER
    ).encode(),
    "a decorator": (
        HEADER
        + CHEAT
        + "def install(f):\n    global helper\n    helper = cheat\n    return f\n\n@install\ndef unused():\n    pass\n\n"
        + CALLS_HELPER
    ).encode(),
    "a call at import": (
        HEADER + CHEAT + "def install():\n    global helper\n    helper = cheat\n\ninstall()\n\n" + CALLS_HELPER
    ).encode(),
    "a module __getattr__": (HEADER + CHEAT + "def __getattr__(name):\n    return cheat\n").encode(),
}


@pytest.mark.parametrize("way", sorted(THIRD_READER))
def test_what_a_third_hostile_reader_found_counts_for_the_graded_function(tmp_path: Path, way: str) -> None:
    """Each passed the rules as a third hostile reader found them: the judge read a file with a BOM
    or a coding line as plain UTF-8 and passed what it could not parse; annotations, decorators and
    the functions code on import calls ran unchecked; Python calls a module's __getattr__ for a
    function the file lacks."""
    path = tmp_path / f"{EX06}.py"
    path.write_bytes(THIRD_READER[way])
    assert first_refusal(path, EX06, "rnn_forward", "x.py")


def test_a_file_saved_with_a_bom_is_read_as_python_reads_it(tmp_path: Path) -> None:
    """Windows' Notepad saves UTF-8 with a BOM: the reference solution saved so keeps the rules."""
    path = tmp_path / f"{EX06}.py"
    path.write_bytes(b"\xef\xbb\xbf" + (SOLUTIONS_DIR / f"{EX06}.py").read_bytes())
    assert first_refusal(path, EX06, "rnn_forward", "x.py") == ""


def test_a_file_the_judge_cannot_parse_is_refused_not_passed(tmp_path: Path) -> None:
    path = tmp_path / f"{EX06}.py"
    path.write_bytes(b"def rnn_forward(rnn, batch:\n")
    assert first_refusal(path, EX06, "rnn_forward", "x.py").startswith("The grader could not read x.py")
    assert first_refusal(tmp_path / "missing.py", EX06, "rnn_forward", "y.py").startswith("The grader could not read")


def test_an_annotation_may_name_the_rnn_class_but_not_torchs_internals() -> None:
    assert refused("def keep(a: torch._VF.rnn_tanh) -> None:\n    pass\n", EX06) == [4]
    assert refused("def keep(rnn: nn.RNN | None = None) -> tuple[torch.Tensor, ...]:\n    pass\n", EX06) == []


MAIN_BLOCK = (
    '\n\nif __name__ == "__main__":  # my own try: compare with torch\'s RNN\n'
    "    rnn = nn.RNN(4, 2, batch_first=True)\n    print(rnn_forward(rnn, torch.zeros(3, 5, 4)), rnn(torch.zeros(3, 5, 4)))\n"
)


def test_a_learners_own_tries_under_the_main_guard_count_for_nothing(tmp_path: Path) -> None:
    """The grader imports the file by its name: what `if __name__ == "__main__":` holds never runs,
    so nn.RNN there, to compare with, is the learner's own business."""
    path = tmp_path / f"{EX06}.py"
    path.write_text((SOLUTIONS_DIR / f"{EX06}.py").read_text() + MAIN_BLOCK)
    assert first_refusal(path, EX06, "rnn_forward", "x.py") == ""


@pytest.mark.parametrize(
    "before",
    ['__name__ = "__main__"\n', 'for __name__ in ["__main__"]:\n    pass\n', "import math as __name__\n"],
)
def test_a_main_guard_counts_where_the_file_rebinds_its_name(tmp_path: Path, before: str) -> None:
    path = tmp_path / f"{EX06}.py"
    path.write_text(before + (SOLUTIONS_DIR / f"{EX06}.py").read_text() + MAIN_BLOCK)
    assert first_refusal(path, EX06, "rnn_forward", "x.py")
    path.write_text((SOLUTIONS_DIR / f"{EX06}.py").read_text() + MAIN_BLOCK.replace(":  #", ":\n    pass\nelse:  #"))
    assert first_refusal(path, EX06, "rnn_forward", "x.py"), "an else runs on import"


STUB = "def rnn_forward(rnn, batch):\n    raise NotImplementedError\n\n"
FOURTH_READER = {
    "an annotation that calls, at the top": (
        HEADER + CHEAT + STUB + "def install():\n    global rnn_forward\n    rnn_forward = cheat\n    return int\n\n"
        "swapped: install() = 0\n"
    ),
    "an attribute set at the top": HEADER + "nn.kernel = torch._VF.rnn_tanh\n\n" + STUB,
    "a helper rebound to map": (
        HEADER + "def run(model, x):\n    return model.hidden_size\n\nrun = map\n\n"
        "def rnn_forward(rnn, batch):\n    return list(run(rnn, [batch]))[0]\n"
    ),
    "a helper a decorator replaces": (
        HEADER + "def swap(f):\n    return map\n\n@swap\ndef run(model, x):\n    return model.hidden_size\n\n"
        "def rnn_forward(rnn, batch):\n    return list(run(rnn, [batch]))[0]\n"
    ),
}


@pytest.mark.parametrize("way", sorted(FOURTH_READER))
def test_what_a_fourth_hostile_reader_found_counts_for_the_graded_function(tmp_path: Path, way: str) -> None:
    """Each passed the rules as a fourth hostile reader found them: an annotated assignment at the
    top ran a call in its annotation, an assignment to an attribute counted only for the functions
    that name its object, and a helper the rnn is passed to was trusted though something else
    rebinds its name."""
    path = tmp_path / f"{EX06}.py"
    path.write_text(FOURTH_READER[way])
    assert first_refusal(path, EX06, "rnn_forward", "x.py")


def test_every_rnn_kernel_torch_has_is_refused_by_name() -> None:
    """torch.mkldnn_rnn_layer, a kernel, was missing from the list (a fourth reader's audit): every
    public name of torch's namespaces with rnn, gru or lstm in it is refused, and a new one in a
    newer torch fails here first."""
    import torch
    import torch.nn.functional as F

    from kata.testing.source_names import RNN_NAMES

    found = {
        n for module in (torch, torch.nn, F) for n in dir(module) if any(k in n.lower() for k in ("rnn", "gru", "lstm"))
    }
    assert {n for n in found if not n.startswith("_")} - RNN_NAMES == set()
    assert refused("def rnn_forward(rnn, batch):\n    return torch.mkldnn_rnn_layer\n", EX06) == [5]

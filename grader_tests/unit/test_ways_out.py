"""The judge believes what a worker reports about its values (devices, graphs, which line raised,
what a watch saw) only where no graded file reaches past the exercise: read as text, never imported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kata import SOLUTIONS_DIR
from kata.core.manifest import load_manifest
from kata.testing.ways_out import untrusted

FORGES_THE_ENCODER = (  # attack 11, finding 1: a CPU tensor described as on the meta device
    "import sys\n\nfor name, mod in list(sys.modules.items()):\n"
    "    if name.endswith('testing.wire'):\n        mod.encode_tensor = lambda t: {}\n"
)
WAYS_OUT = {
    "sys.modules": FORGES_THE_ENCODER,
    "the raise line rewritten": "import sys\nsys.modules['x']._raise_statement_at = lambda frame, lasti: True\n",
    "the watch switched off": "import torch\n\nwith torch._C.DisableTorchFunction():\n    pass\n",
    "from torch import _C": "from torch import _C\n",
    "gc": "import gc\n",
    "a frame": "def f(e):\n    return e.__traceback__.tb_frame.f_globals\n",
    "getattr": "x = getattr(object, 'mro')\n",
    "sys by another name": "import sys as s\n",
    "sys passed around": "import sys\nmodules = vars(sys)\n",
    "from sys import modules": "from sys import modules\n",
    "a torch function mode": (  # attack 12: entered at import, it answered requires_grad and grad_fn
        "import torch\n\nclass Mode(torch.overrides.TorchFunctionMode):\n"
        "    def __torch_function__(self, func, types, args=(), kwargs=None):\n        return func(*args)\n"
    ),
    "a module's private name by a name of its own": (  # `_C` is torch's, whatever `self` is
        "import torch\n\nclass H:\n    def __init__(self):\n        self._C = 0\n\n"
        "    def get(self):\n        return self._C\n\nH.get(torch)\n"
    ),
    "a model's hooks replaced": (
        "from torch import nn\n\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
        "        self._forward_hooks = {}\n"
    ),
    "the kata's own names": "class H:\n    def __init__(self):\n        self._remote = None\n        print(self._remote)\n",
    **{  # `self` made something else than an instance of the file's own class
        f"an own name, {how}": "import torch\n\nclass H:\n    def __init__(self):\n        self._C = 0\n\n" + code
        for how, code in {
            "self rebound": "    def get(self):\n        self = torch\n        return self._C\n",
            "self by default": "    def get(self=torch):\n        return self._C\n",
            "a decorated method": "    @staticmethod\n    def get(self):\n        return self._C\n",
            "a lambda's self": "    def get(self):\n        return (lambda self: self._C)(torch)\n",
            "type()": "    def get(self):\n        return self._C\n\ntype(H()).get(torch)\n",
            "super with arguments": "    def get(self):\n        return super(H, torch)\n",
            "a class handed on": "    def get(self):\n        return self._C\n\nK = H\nK.get(torch)\n",
        }.items()
    },
    "a hook by its dunder": "def __torch_function__(cls, func, types, args=(), kwargs=None):\n    return func\n",
}
PLAIN = {
    "printing to stderr": "import sys\nsys.stderr.write('debug')\nprint('x', file=sys.stderr)\n",
    "exiting": "import os\nimport sys\n\ndef f():\n    os._exit(0)\n    sys.exit(1)\n",
    "a module class": "from torch import nn\n\nclass CharRNN(nn.Module):\n    def __init__(self):\n        super().__init__()\n",
    "a try under the main guard": 'if __name__ == "__main__":\n    import gc\n    print(gc.get_objects())\n',
    "the future": "from __future__ import annotations\nimport torch.nn.functional as F\n",
}


def graded(tmp_path: Path, ex01: str | None = None, ex02: str | None = None) -> Path:
    for exercise in load_manifest():
        shutil.copy(SOLUTIONS_DIR / exercise.filename, tmp_path / exercise.filename)
    for name, extra in (("ex01_one_hot", ex01), ("ex02_batch", ex02)):
        if extra is not None:
            path = tmp_path / f"{name}.py"
            path.write_text(path.read_text() + "\n\n" + extra)
    return tmp_path


def test_the_reference_solutions_are_believed(tmp_path: Path) -> None:
    root = graded(tmp_path)
    assert [untrusted(root, e.name) for e in load_manifest()] == [""] * len(load_manifest())


@pytest.mark.parametrize("way", sorted(WAYS_OUT))
def test_a_file_that_reaches_the_graders_modules_is_not_believed(tmp_path: Path, way: str) -> None:
    message = untrusted(graded(tmp_path, ex02=WAYS_OUT[way]), "ex02_batch")
    assert "reaches past the exercise" in message and "ex02_batch.py, line " in message, message


@pytest.mark.parametrize("what", sorted(PLAIN))
def test_plain_code_is_believed(tmp_path: Path, what: str) -> None:
    assert untrusted(graded(tmp_path, ex02=PLAIN[what]), "ex02_batch") == ""


PRIVATE_DATA = (
    "from torch import nn\n\nclass CharRNN(nn.Module):\n    def __init__(self, hidden_size):\n"
    "        super().__init__()\n        self._hidden_size = hidden_size\n"
)


def test_private_data_of_its_own_is_refused_with_the_name_to_use(tmp_path: Path) -> None:
    """Attacks 13 and 14 made an allowance for `self._x` reach torch._C and the module table in 17
    ways: every underscored attribute stays refused, and `self._x` is told the name to use."""
    message = untrusted(graded(tmp_path, ex02=PRIVATE_DATA), "ex02_batch")
    assert "not even its own" in message and "call self._hidden_size self.hidden_size" in message, message


def test_a_way_out_in_an_imported_exercise_counts_for_the_one_that_imports_it(tmp_path: Path) -> None:
    """ex02 imports ex01: code in ex01 runs in ex02's worker too."""
    root = graded(tmp_path, ex01=FORGES_THE_ENCODER)
    assert "ex01_one_hot.py" in untrusted(root, "ex02_batch")
    assert untrusted(root, "ex04_shapes") == "", "ex04 imports no other exercise"


ATTACKS = Path(__file__).parent / "own_attribute_attacks"  # attacks 13 and 14, each appended to ex07


@pytest.mark.parametrize("payload", sorted(p.name for p in ATTACKS.glob("*.py")))
def test_an_attack_on_an_allowance_for_own_attributes_is_not_believed(tmp_path: Path, payload: str) -> None:
    """Payloads against a rule, tried and withdrawn, that let `self._x` through where `self` seemed the
    file's own instance: each made self a module, a class or a tensor, or reached sys off another module,
    or read types back from a dataclass's annotations."""
    root = graded(tmp_path)
    path = root / "ex07_train_hihello.py"
    path.write_text(path.read_text() + "\n\n" + (ATTACKS / payload).read_text())
    assert "reaches past the exercise" in untrusted(root, "ex07_train_hihello")

"""Helpers the graded tests use: call learner code and explain every failure to a beginner.

Each message says what was called, what was expected, what came back, and what to try.
"""

from __future__ import annotations

import copy
import dis
from collections.abc import Callable, Sequence
from itertools import permutations
from pathlib import Path
from typing import Any

import numpy as np
import torch

from kata.core.paths import display_path, is_within
from kata.core.settings import interview_mode
from kata.core.text import pad, width_of
from kata.i18n import N_, _
from kata.testing import activity
from kata.testing.modules import changed_parameter, changed_setting
from kata.testing.outcomes import CodeCouldNotRun, NotWrittenYet, fail, fail_could_not_run  # noqa: F401 - re-exported for tests
from kata.testing.remote import LearnerObject, watching
from kata.testing.tracebacks import all_frames, is_test_outcome, learner_frame, learner_frames

_graded_root = None  # set by the plugin: the folder whose code is graded


def set_graded_root(root) -> None:
    global _graded_root
    _graded_root = root


def type_name(value: Any) -> str:
    """The name of a value's type as the learner wrote it (a LearnerObject stands for one)."""
    return value.type_name if isinstance(value, LearnerObject) else type(value).__name__


def short(value: Any, limit: int = 60) -> str:
    """A compact, readable repr for messages: tensors and modules by shape and kind."""
    if isinstance(value, torch.Tensor):
        dtype = str(value.dtype).removeprefix("torch.")
        return _("<tensor {shape} {dtype} on {device}>", shape=tuple(value.shape), dtype=dtype, device=value.device)
    if isinstance(value, np.ndarray):
        return _("<ndarray {shape} {dtype}>", shape=value.shape, dtype=value.dtype)
    if isinstance(value, torch.nn.Module):
        return _("<{name}>", name=type(value).__name__)
    text = " ".join(repr(value).split())  # on one line: a repr may span lines (a tensor's numbers, aligned)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def label(fn: Callable, args: Sequence, kwargs: dict | None = None) -> str:
    """`ex02_batch.make_batch(['hello', 'eolll', 'lleel'], ['h', 'e', 'l', 'o'])`."""
    parts = [short(a) for a in args] + [f"{k}={short(v)}" for k, v in (kwargs or {}).items()]
    name = f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__name__', repr(fn))}"
    return f"{name}({', '.join(parts)})"


EXCEPTION_HINTS = (
    (
        "does not match weight dtype",
        N_("The RNN got float64 input: make the batch float32 (torch.Tensor(x), .float())."),
    ),
    ("same device", N_("Input and RNN are on different devices: move one with .to(device).")),
    ("Expected all tensors to be on the same device", N_("Tensors are on different devices: use .to(device).")),
    (
        "is not on the expected device",
        N_("Tensors are on different devices: make new tensors on the input's device, e.g. device=batch.device."),
    ),
    ("cannot be called on meta tensors", N_("Meta tensors have no values: keep the tensor where it was made.")),
    ("is not in list", N_("list.index raises ValueError when the item is missing; check the vocabulary.")),
)


def _hint_for(error: BaseException) -> str:
    text = str(error)
    for needle, hint in EXCEPTION_HINTS:
        if needle in text:
            return " " + _(hint)
    return ""


def _where(error: BaseException, *, parenthesized: bool = False) -> str:
    """' at exercises/ex01_one_hot.py, line 37' (or in brackets, after an error's own text)."""
    if _graded_root is None:
        return ""
    found = learner_frame(error, _graded_root)
    if not found:
        return ""
    template = N_("(at {file}, line {line})") if parenthesized else N_("at {file}, line {line}")
    return " " + _(template, file=found[0], line=found[1])


def learner_trace(error: BaseException, limit: int = 4) -> str:
    """The learner's own frames of a traceback, innermost last, each with its line of code:
    the line that failed and the calls that led to it (the wrong value is often made in a caller)."""
    if _graded_root is None:
        return ""
    frames = learner_frames(error, _graded_root)
    if len(frames) < 2:
        return ""
    lines = [_("Where, in your code (the last line is where it failed):")]
    for frame in frames[-limit:]:
        lines.append(f"    {Path(frame.filename).name}:{frame.lineno}, {frame.function}:")
        lines.append(f"        {_one_line(frame.line, 64)}")
    return "\n" + "\n".join(lines)


def _one_line(code: str, limit: int) -> str:
    """A line of the learner's code for a message: spaces collapsed, cut to fit a terminal."""
    code = " ".join(code.split())
    return code if len(code) <= limit else code[: limit - 3] + "..."


def call(fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """Call learner code; any exception, exit or stub becomes a failure that names the call."""
    what = label(fn, args, kwargs)
    activity.note(what)
    try:
        result = fn(*args, **kwargs)
        activity.returned(described(result))
        return result
    except BaseException as error:  # noqa: BLE001 - learner code may raise anything
        fail_for_unfinished_or_exit(what, error)
        fail(explain_call_error(what, error))


def fail_for_unfinished_or_exit(what: str, error: BaseException) -> None:
    """What every call into learner code does first with what it raised: a test's own outcome
    passes through, a stub's NotImplementedError is 'not written yet', an exit could not run."""
    if is_test_outcome(error):
        raise error
    if isinstance(error, NotImplementedError):
        raise NotWrittenYet(explain_call_error(what, error), pytrace=False) from None
    if isinstance(error, SystemExit):
        fail_could_not_run(explain_call_error(what, error))


def explain_call_error(what: str, error: BaseException) -> str:
    if isinstance(error, NotImplementedError):
        text = _(
            "{what} is not written yet: it still raises NotImplementedError{where}.", what=what, where=_where(error)
        )
        if interview_mode():
            return text  # the stub's own text is a hint, and interview mode shows none
        return text + "\n" + _(str(error))  # a stub's own hint, translated by its exact English text (exercises/*.py)
    if isinstance(error, SystemExit):
        return _(
            "{what} called sys.exit({code}){where}. A function must return its result, not end the program.",
            what=what,
            code=repr(error.code),
            where=_where(error),
        )
    where = _where(error, parenthesized=True)
    return (
        _("{what} raised {kind}: {error}{where}.", what=what, kind=type(error).__name__, error=error, where=where)
        + _hint_for(error)
        + learner_trace(error)
    )


def raised_by_own_check(error: BaseException) -> bool:
    """True when a `raise` statement in the graded tree raised the error, rather than a library
    function (numpy, max(), list.index) that failed on the learner's behalf."""
    frames = all_frames(error)
    if not frames or _graded_root is None or not is_within(frames[-1].filename, _graded_root):
        return False
    remote = getattr(error, "remote", None)
    if remote is not None:  # the worker read the bytecode where its frame stopped
        return remote.raise_statement
    last = error.__traceback__
    while last is not None and last.tb_next is not None:
        last = last.tb_next
    return any(
        ins.offset == last.tb_lasti and ins.opname == "RAISE_VARARGS"
        for ins in dis.get_instructions(last.tb_frame.f_code)
    )


def _origin(error: BaseException) -> str:
    """Where an error that no check of the learner's raised came from, in a few words."""
    frames = all_frames(error)
    if not frames:
        return "?"
    last = frames[-1]
    if _graded_root is not None and is_within(last.filename, _graded_root):
        return _(
            "a call on {file}, line {line}: {code}",
            file=display_path(last.filename),
            line=last.lineno,
            code=_one_line(last.line, 70),
        )
    return _("inside {module}.{function}", module=last.module, function=last.function)


def _names_what_is_wrong(text: str, mentioning: str | Sequence[Sequence[str]] | None) -> bool:
    """`mentioning` is one word the message must contain, or alternatives: lists of words that
    must all appear (the lengths found, or the word that differs)."""
    if mentioning is None:
        return True
    if isinstance(mentioning, str):
        return mentioning in text
    return any(all(word in text for word in option) for option in mentioning)


def expect_raises(
    kind: type[BaseException],
    fn: Callable,
    *args: Any,
    mentioning: str | Sequence[Sequence[str]] | None = None,
    why: str = "",
    names: str = "",
) -> BaseException:
    """The call must raise `kind` from a check of the learner's own (a `raise` statement in the
    graded files), with a message that says what is wrong (contains `mentioning`; `names` says
    in words what it should name). An error some library raised on the learner's behalf is not
    the lesson: checking the input and saying why is."""
    what = label(fn, args)
    why_text = (" " + _(why)) if why else ""
    activity.note(what)
    try:
        result = fn(*args)
    except kind as error:
        text = str(error)
        if not raised_by_own_check(error):
            fail(
                _(
                    "{what} raised {kind}({text}), but not from a check of yours: it came from {origin}. "
                    "An error that happens along the way does not tell the caller what is wrong; a check of "
                    "your own does. Check the input first and raise {kind}(...) yourself{why}, with a message "
                    "that says what is wrong.",
                    what=what,
                    kind=kind.__name__,
                    text=repr(text),
                    origin=_origin(error),
                    why=why_text,
                )
            )
        if not text.strip():
            fail(
                _(
                    "{what} raised {kind} with an empty message. Say what is wrong{why}, so whoever calls it can fix the input.",
                    what=what,
                    kind=kind.__name__,
                    why=why_text,
                )
            )
        if not _names_what_is_wrong(text, mentioning):
            fail(
                _(
                    "{what} raised {kind}({text}), but the message should name {name} so the caller knows what is wrong.",
                    what=what,
                    kind=kind.__name__,
                    text=repr(text),
                    name=_(names) if names else repr(mentioning),
                )
            )
        return error
    except BaseException as error:  # noqa: BLE001 - learner code may raise anything
        fail_for_unfinished_or_exit(what, error)
        fail(
            _(
                "{what} raised {got}: {error}{where}; expected {kind}{why}. Raise it yourself: raise {kind}(...).",
                what=what,
                got=type(error).__name__,
                error=error,
                where=_where(error),
                kind=kind.__name__,
                why=why_text,
            )
        )
    fail(
        _(
            "{what} returned {result}; expected it to raise {kind}{why}.",
            what=what,
            result=short(result),
            kind=kind.__name__,
            why=why_text,
        )
    )


def expect_type(value: Any, what: str, kind: type | tuple[type, ...], described: str, why: str = "") -> Any:
    """Exactly the documented type (not merely something that converts to it)."""
    if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
        fail(
            _(
                "{what} returned {kind_got} {value}; expected {described}.",
                what=what,
                kind_got=type_name(value),
                value=short(value),
                described=_(described),
            )
            + ((" " + _(why)) if why else "")
        )
    return value


def expect_items(values: Sequence, what: str, kind: type, described: str, why: str = "") -> None:
    """Every element exactly of `kind` (bools and numpy scalars are not ints or floats here)."""
    for index, value in enumerate(values):
        if type(value) is not kind:
            fail(
                _(
                    "{what}: item {index} is {kind_got} {value}; expected {described}.",
                    what=what,
                    index=index,
                    kind_got=type_name(value),
                    value=short(value),
                    described=_(described),
                )
                + ((" " + _(why)) if why else "")
            )


def frozen_copy(module: torch.nn.Module) -> torch.nn.Module:
    """An independent copy taken before learner code runs: expected values come from it, so a
    learner who changes the weights cannot move the target."""
    return copy.deepcopy(module)


def expect_unchanged(module: torch.nn.Module, before: torch.nn.Module, what: str) -> None:
    """The learner's code must use the module it was given as it is: same weights, same settings."""
    setting = changed_setting(module, before)
    if setting is not None:
        name, was, now = setting
        fail(
            _(
                "{what} changed the given RNN's {name} from {was} to {now}. Use the RNN as it is given.",
                what=what,
                name=name,
                was=repr(was),
                now=repr(now),
            )
        )
    name = changed_parameter(module, before)
    if name is not None:
        fail(
            _(
                "{what} changed the given RNN's weights ({name}). Run the RNN you are given with its own "
                "weights: do not re-initialise, train or replace them.",
                what=what,
                name=name,
            )
        )


def expect_on_device(module: torch.nn.Module, device: torch.device | str, what: str) -> None:
    """Every parameter of a module where it was asked to be."""
    want = torch.device(device).type
    for name, param in module.named_parameters():
        if param.device.type != want:
            fail(
                _(
                    "{what}: parameter {name} is on {got}; expected {want}. Create the module with device=device "
                    "or move it with .to(device).",
                    what=what,
                    name=name,
                    got=param.device,
                    want=want,
                )
            )


def _same(a: torch.Tensor, b: torch.Tensor, atol: float) -> bool:
    a, b = a.detach().cpu().double(), b.detach().cpu().double()
    return a.shape == b.shape and a.numel() > 0 and (a - b).abs().max().item() <= atol


def expect_tanh_range(values: torch.Tensor, what: str, atol: float) -> None:
    """tanh never leaves [-1, 1]: values outside it have one cause, a missing tanh."""
    if values.device.type == "meta" or not values.numel():
        return
    flat = values.detach().cpu().double()
    worst = flat.abs().max().item()
    if worst > 1 + atol:
        index = tuple(int(i) for i in np.unravel_index(int(flat.abs().argmax()), tuple(flat.shape)))
        fail(
            _(
                "{what}: the value at {index} is {value}, outside [-1, 1]. Every hidden state of nn.RNN comes out "
                "of tanh, which never leaves [-1, 1]: apply torch.tanh to the sum of the four terms.",
                what=what,
                value=f"{flat[index].item():.4g}",
                index=list(index),
            )
        )


def matching_mistake(
    actual: Any, mistakes: Sequence[tuple[Any, str]], atol: float, right: torch.Tensor | None = None
) -> str:
    """The advice of the first known mistake whose result equals `actual`, or "".

    Each mistake is (what that mistake would have returned, what to say about it): a diagnosis
    names the cause only when the learner's result is exactly what that cause produces, and
    never when that mistake happens to give the right answer for this input."""
    if not isinstance(actual, torch.Tensor) or actual.device.type == "meta":
        return ""
    for result, advice in mistakes:
        if not isinstance(result, torch.Tensor) or not _same(actual, result, atol):
            continue
        if right is None or not _same(result, right, atol):
            return advice
    return ""


def named_shape(shape: Sequence[int], axes: Sequence[str]) -> str:
    return "(" + ", ".join(f"{a}={n}" for a, n in zip(axes, shape)) + ")"


def _swapped_positions(got: tuple, want: tuple) -> list[int]:
    """The axes a returned shape has out of place, when it is a reordering of the wanted one."""
    if len(got) != len(want) or sorted(got) != sorted(want):
        return []
    for order in permutations(range(len(want))):
        if tuple(want[i] for i in order) == got and order != tuple(range(len(want))):
            return sorted(i for pos, i in enumerate(order) if pos != i)
    return []


def shape_picture(got: tuple, want: tuple, axes: Sequence[str], marked: list[int]) -> str:
    """The wanted box's axes above the returned sizes, the misplaced axes marked:

    expected (batch=3, seq_len=5, input_size=4)
    returned (      5,         3,            4)
              ^^^^^^^  ^^^^^^^^^
    """
    names = [f"{a}={n}" for a, n in zip(axes, want)]
    widths = [max(len(name), len(str(g))) for name, g in zip(names, got)]
    top = ", ".join(name.rjust(w) for name, w in zip(names, widths))
    bottom = ", ".join(str(g).rjust(w) for g, w in zip(got, widths))
    marks = "  ".join(("^" if i in marked else " ") * w for i, w in enumerate(widths))
    expected, returned = _("expected"), _("returned")
    width = max(width_of(expected), width_of(returned))
    return f"    {pad(expected, width)} ({top})\n    {pad(returned, width)} ({bottom})\n    {pad('', width)}  {marks.rstrip()}"


def expect_tensor(
    value: Any,
    what: str,
    *,
    shape: Sequence[int],
    axes: Sequence[str],
    dtype: torch.dtype | None = torch.float32,
    device: torch.device | str | None = None,
    swap_hint: str = "",
) -> torch.Tensor:
    """A tensor of this shape, dtype and device, or a failure explaining the difference."""
    want = tuple(shape)
    if not isinstance(value, torch.Tensor):
        advice = (
            " " + _("Turn it into one with torch.from_numpy(...) or torch.tensor(...).")
            if isinstance(value, np.ndarray | list)
            else ""
        )
        fail(
            _(
                "{what} returned {kind} {value}; expected a torch.Tensor of shape {shape}.",
                what=what,
                kind=type_name(value),
                value=short(value),
                shape=named_shape(want, axes),
            )
            + advice
        )
    got = tuple(value.shape)
    if got != want:
        marked = _swapped_positions(got, want)
        message = _("{what} returned shape {got}; expected {want}.", what=what, got=got, want=named_shape(want, axes))
        if marked:
            swapped = _(" and ").join(axes[i] for i in marked)
            message += " " + _("The {axes} axes look swapped.", axes=swapped)
            message += (" " + _(swap_hint) if swap_hint else "") + "\n" + shape_picture(got, want, axes, marked)
        fail(message)
    if dtype is not None and value.dtype != dtype:
        advice = ""
        if value.dtype == torch.float64 and dtype == torch.float32:
            advice = " " + _(
                "nn.RNN's weights are float32 and it rejects float64 input. torch.tensor(a) keeps a "
                "numpy array's float64; use torch.Tensor(a), .float(), or a float32 array."
            )
        fail(_("{what} returned dtype {got}; expected {want}.", what=what, got=value.dtype, want=dtype) + advice)
    if device is not None and value.device.type != torch.device(device).type:
        fail(
            _(
                "{what} returned a tensor on {got}; expected it on {want}. Create it there or move it with .to(device).",
                what=what,
                got=value.device,
                want=torch.device(device).type,
            )
        )
    return value


def expect_close(
    actual: torch.Tensor | np.ndarray,
    expected: torch.Tensor | np.ndarray,
    what: str,
    *,
    atol: float,
    axes: Sequence[str] = (),
    advice: str = "",
) -> None:
    """Values equal within atol; otherwise say where the first difference is."""
    got = torch.as_tensor(
        np.asarray(actual.detach().cpu() if isinstance(actual, torch.Tensor) else actual), dtype=torch.float64
    )
    want = torch.as_tensor(
        np.asarray(expected.detach().cpu() if isinstance(expected, torch.Tensor) else expected), dtype=torch.float64
    )
    if got.shape != want.shape:
        fail(_("{what} has shape {got}; expected {want}.", what=what, got=tuple(got.shape), want=tuple(want.shape)))
    diff = (got - want).abs()
    if got.numel() == 0 or diff.max().item() <= atol:
        return
    index = tuple(int(i) for i in np.unravel_index(int(diff.argmax()), tuple(diff.shape)))
    at = ", ".join(f"{a}={i}" for a, i in zip(axes, index)) if axes else str(index)
    fail(
        _(
            "{what} has the right shape but wrong values: at [{at}] it is {got}, expected {want} "
            "(largest difference {diff}, allowed {atol}).",
            what=what,
            at=at,
            got=f"{got[index].item():.6g}",
            want=f"{want[index].item():.6g}",
            diff=f"{diff.max().item():.3g}",
            atol=f"{atol:g}",
        )
        + ((" " + _(advice)) if advice else "")
    )


OUT_AXES = ("batch", "seq_len", "hidden_size")
H_N_AXES = ("num_layers", "batch", "hidden_size")


def expect_pair(result: Any, what: str) -> tuple[Any, Any]:
    """(outputs, h_n), as nn.RNN returns them, or a failure saying what came back instead."""
    if not isinstance(result, tuple) or len(result) != 2:
        fail(
            _(
                "{what} returned {short_result}; expected a pair (outputs, h_n), like the RNN itself returns.",
                what=what,
                short_result=short(result),
            )
            + (" " + _("Return a tuple: return outputs, h_n.") if isinstance(result, list) else "")
        )
    return result[0], result[1]


def expect_rnn_outputs(
    result: Any,
    rnn: torch.nn.RNN,
    batch: torch.Tensor,
    what: str,
    device: torch.device,
    *,
    outputs_hint: str = "",
    h_n_hint: str = "",
    values_advice: str = "",
    h_n_advice: str = "",
    before: torch.nn.Module | None = None,
    mistakes: Sequence[tuple[Any, str]] = (),
) -> tuple[torch.Tensor, torch.Tensor]:
    """A batch-first RNN result for `batch`: shapes, device, dtype, then values against the
    float64 oracle computed from the RNN's weights as they were before the learner's code ran
    (`before`, a frozen copy; the learner must not have changed them). On the meta device only
    shapes and devices exist. `mistakes` are known wrong results with what to say about each."""
    from kata.testing import oracle
    from kata.testing.device import tolerance

    if before is not None:
        expect_unchanged(rnn, before, what)
    reference = before if before is not None else rnn
    outputs, h_n = expect_pair(result, what)
    b, t, hidden = batch.shape[0], batch.shape[1], rnn.hidden_size
    expect_tensor(
        outputs,
        _("{what}'s outputs", what=what),
        shape=(b, t, hidden),
        axes=OUT_AXES,
        device=device,
        swap_hint=outputs_hint,
    )
    expect_tensor(
        h_n,
        _("{what}'s h_n", what=what),
        shape=(rnn.num_layers, b, hidden),
        axes=H_N_AXES,
        device=device,
        swap_hint=h_n_hint,
    )
    if device.type == "meta":
        return outputs, h_n
    want_out, want_h = oracle.rnn_forward(reference, batch, batch_first=True)
    atol = tolerance(device.type)
    expect_tanh_range(outputs, _("{what}'s outputs", what=what), atol)
    diagnosis = matching_mistake(outputs, mistakes, atol, right=want_out)
    if diagnosis:
        fail(_("{what}'s outputs have the right shape but wrong values.", what=what) + " " + _(diagnosis))
    expect_close(outputs, want_out, _("{what}'s outputs", what=what), atol=atol, axes=OUT_AXES, advice=values_advice)
    expect_close(h_n, want_h, _("{what}'s h_n", what=what), atol=atol, axes=H_N_AXES, advice=h_n_advice)
    return outputs, h_n


# --- Rules a docstring sets for the whole call, checked while the learner's code runs ---------
# The watching itself runs in the worker, beside the learner's code (kata.engine.worker.CallWatch);
# what it saw comes back as data.


class RnnWatch:
    """What to watch during one call, and what was seen: the RNN kernels that ran (or were
    refused), and the first change of the watched module (an argument of the call) at any moment
    of the call, not only at its end. `refuse`: refuse every RNN kernel, with that message."""

    def __init__(
        self, module: torch.nn.Module | None = None, before: torch.nn.Module | None = None, refuse: str = ""
    ) -> None:
        self.module, self.before, self.refuse = module, before, refuse
        self.kernels: list[str] = []
        self.changed = ""


def call_watched(watch: RnnWatch, fn: Callable, *args: Any, **kwargs: Any) -> Any:
    """call(fn, ...) with `watch` active in the worker during the learner's code, and only then."""
    position = next((i for i, arg in enumerate(args) if watch.module is not None and arg is watch.module), None)
    with watching({"refuse": watch.refuse, "module": position}) as seen:
        try:
            return call(fn, *args, **kwargs)
        finally:
            watch.kernels += [str(k) for k in seen.get("kernels") or []]
            watch.changed = str(seen.get("changed") or "")


def expect_kept_during_call(watch: RnnWatch, what: str, advice: str = "") -> None:
    """The watched module was never changed during the call, even if it was set back after."""
    if watch.changed:
        fail(
            _(
                "{what} changed the given RNN while it ran ({change}) and set it back before returning. "
                "Use the RNN as it is given for the whole call.",
                what=what,
                change=watch.changed,
            )
            + ((" " + _(advice)) if advice else "")
        )


def expect_no_rnn_ran(watch: RnnWatch, what: str, rule: str) -> None:
    """No RNN kernel ran during the call (a refused one that the learner's code caught counts too)."""
    if watch.kernels:
        fail(_("{what} called an RNN during the call ({kernel}).", what=what, kernel=watch.kernels[0]) + " " + _(rule))


def explain_test_crash(error: BaseException, crash: str) -> str:
    """A graded test that stopped on an error of its own (not a check's failure, and raised outside
    the learner's code) still names the learner's call and what it returned: a test that cannot
    use a result says so in the learner's terms. `crash` is the error as the test met it."""
    if _graded_root is not None and learner_frame(error, _graded_root):
        return ""
    what, returned = activity.current(), activity.last_returned()
    if not what or not returned:
        return ""
    return _(
        "{what} returned {returned}, and the test could not go on with it ({crash}). Check that it returns "
        "what the docstring describes: the type, the shape or length, and the order of the values.",
        what=what,
        returned=returned,
        crash=crash,
    )


def described(value: Any) -> str:
    """short(value), and a short tuple or list item by item: (<tensor (5, 3, 2) float32 on cpu>, ...)."""
    if isinstance(value, tuple | list) and 0 < len(value) <= 4:
        items = ", ".join(short(v) for v in value)
        return f"({items})" if isinstance(value, tuple) else f"[{items}]"
    return short(value)

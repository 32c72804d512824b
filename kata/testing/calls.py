"""Where a graded test calls the learner's code (`call`, `expect_raises`, `call_watched`), and how
whatever comes out of it is explained to a beginner: an error with the call that raised it and the
line of their file, a stub not written yet, an exit, an error some library raised on their behalf.
"""

from __future__ import annotations

import dis
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kata.core.paths import display_path, is_within
from kata.core.refusals import is_refusal
from kata.core.settings import interview_mode
from kata.i18n import N_, _
from kata.testing import activity, arguments
from kata.testing.error_hints import RAISED_INSTEAD, TORCH_NOT_IMPLEMENTED, hint_for
from kata.testing.outcomes import NotWrittenYet, fail, fail_could_not_run
from kata.testing.tracebacks import all_frames, is_test_outcome, learner_frame, learner_frames
from kata.testing.values import described, label, short

_graded_root = None  # set by the plugin: the folder whose code is graded


def set_graded_root(root) -> None:
    global _graded_root
    _graded_root = root


def graded_root():
    """The folder whose code is graded (None outside a grading run)."""
    return _graded_root


OTHER_STUB = N_(
    "{what} could not run: it calls {function}, which is not written yet: it still raises "
    "NotImplementedError (at {file}, line {line}). Write {function} in {file} first; then this test "
    "can check {called}."
)


def where(error: BaseException) -> str:
    """' (at exercises/ex01_one_hot.py, line 37)' after an error's own text, or ''."""
    return _where(error, parenthesized=True)


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
    taken = arguments.snapshot(args, kwargs)
    try:
        result = fn(*args, **kwargs)
        activity.returned(described(result))
    except BaseException as error:  # noqa: BLE001 - learner code may raise anything
        fail_for_unfinished_or_exit(what, error, fn)
        fail(explain_call_error(what, error))
    arguments.expect_arguments_kept(fn, taken, what)
    return result


def fail_for_unfinished_or_exit(what: str, error: BaseException, fn: Any = None) -> None:
    """What every call into learner code does first with what it raised: a test's own outcome
    passes through, a stub's NotImplementedError is 'not written yet' (the called function's own
    stub, or another function's that it calls, named), an exit could not run. A NotImplementedError
    that no `raise` of the graded files raised is torch's (or numpy's): an error like any other."""
    if is_test_outcome(error):
        raise error
    if isinstance(error, NotImplementedError):
        if not raised_by_own_check(error):
            fail(explain_error(what, error) + _torch_not_implemented(error))
        other = _other_stub(what, error, fn)
        if other:
            fail_could_not_run(other)
        raise NotWrittenYet(explain_call_error(what, error), pytrace=False) from None
    if isinstance(error, SystemExit):
        fail_could_not_run(explain_call_error(what, error))


def _torch_not_implemented(error: BaseException) -> str:
    """What to try after a library's NotImplementedError, unless a hint already says it."""
    return "" if hint_for(error) else " " + _(TORCH_NOT_IMPLEMENTED)


def _other_stub(what: str, error: BaseException, fn: Any) -> str:
    """When the stub that raised belongs to another function than the one called (ex02's
    make_batch calling ex01's encode_word), the message that names it; else ''."""
    if _graded_root is None or fn is None:
        return ""
    module, name = getattr(fn, "__module__", None), getattr(fn, "__name__", None)
    frames = learner_frames(error, _graded_root)
    if not frames or not isinstance(module, str) or not isinstance(name, str):
        return ""
    last = frames[-1]
    if last.module == module and (last.qualname == name or last.qualname.startswith(name + ".")):
        return ""
    if last.module == "?" or "<" in last.qualname:
        return ""
    return _(
        OTHER_STUB,
        what=what,
        function=f"{last.module}.{last.qualname}",
        file=display_path(last.filename),
        line=last.lineno,
        called=f"{module}.{name}",
    )


def explain_call_error(what: str, error: BaseException) -> str:
    if isinstance(error, NotImplementedError):
        text = _(
            "{what} is not written yet: it still raises NotImplementedError{where}.", what=what, where=_where(error)
        )
        if interview_mode():
            return text  # the stub's own text is a hint, and interview mode shows none
        return text + "\n" + stub_hint(error)
    if isinstance(error, SystemExit):
        return _(
            "{what} called sys.exit({code}){where}. A function must return its result, not end the program.",
            what=what,
            code=repr(error.code),
            where=_where(error),
        )
    return explain_error(what, error, otherwise=RAISED_INSTEAD)


STUB_OPENING = re.compile(r"^[\w.]+: [^.]*\.\s+")  # "ex03_rnn.build_rnn: not written yet. "


def stub_hint(error: BaseException) -> str:
    """A stub's own hint, translated by its exact English text (exercises/*.py), without its opening
    "ex03_rnn.build_rnn: not written yet.", which the sentence above it has just said; a text of the
    learner's own (`raise NotImplementedError("todo")`) labelled as their error message."""
    english = str(error).strip()
    if english and not STUB_OPENING.match(english) and _(english) == english:  # the learner's own words
        return _("The error message is `{error}`.", error=english)
    text = _(english)
    return STUB_OPENING.sub("", text, count=1) or text


def explain_error(what: str, error: BaseException, otherwise: str = "") -> str:
    """An error the learner's code met (its own, or a library's on its behalf), with where it
    happened, a hint for a known one (else `otherwise`, what to try) and the learner's own frames."""
    where = _where(error, parenthesized=True)
    if is_refusal(str(error)):  # the kata's own words: prose, not a quoted error
        return _("{what} was stopped by a grading rule{where}. {rule}", what=what, where=where, rule=str(error).strip())
    return (
        (
            _("{what} raised {kind}: {error}{where}.", what=what, kind=type(error).__name__, error=error, where=where)
            if str(error).strip()
            else _("{what} raised {kind}{where}.", what=what, kind=type(error).__name__, where=where)
        )
        + (hint_for(error) or (" " + _(otherwise) if otherwise else ""))
        + learner_trace(error)
    )


def _empty_message(what: str, kind: type[BaseException], names: str, case: str) -> str:
    """A right check whose error says nothing: its case said as a whole sentence (not the `why`
    clause, which tells a learner who did check to check), then what the message should name."""
    right = _(case) if case else _("Raising it here is right.")
    if names:
        return _(
            "{what} raised {kind} with an empty message. {case} But with no message, whoever calls it cannot "
            "tell what to fix: name {name} in it.",
            what=what,
            kind=kind.__name__,
            case=right,
            name=_(names),
        )
    return _(
        "{what} raised {kind} with an empty message. {case} But with no message, whoever calls it cannot "
        "tell what to fix: say in it what is wrong.",
        what=what,
        kind=kind.__name__,
        case=right,
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
    return last is not None and any(
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
            code=_one_line(last.line, 46),  # indented, in code font and followed by 입니다.: within 60 columns
        )
    return _("inside {module}.{function}", module=last.module, function=last.function)


Mentioning = str | Sequence[Sequence[str]] | Callable[[str], bool] | None


def _names_what_is_wrong(text: str, mentioning: Mentioning) -> bool:
    """`mentioning` is one word the message must contain, or alternatives: lists of words that
    must all appear (the lengths found, or the word that differs), or a test of the text (a
    character named itself, not inside a word: kata.testing.checks.names_the_character)."""
    if mentioning is None:
        return True
    if callable(mentioning):
        return bool(mentioning(text))
    if isinstance(mentioning, str):
        return mentioning in text
    return any(all(word in text for word in option) for option in mentioning)


def expect_raises(
    kind: type[BaseException],
    fn: Callable,
    *args: Any,
    mentioning: Mentioning = None,
    why: str = "",
    names: str = "",
    case: str = "",
) -> BaseException:
    """The call must raise `kind` from a check of the learner's own (a `raise` statement in the
    graded files), with a message that says what is wrong (contains `mentioning`; `names` says
    in words what it should name). An error some library raised on the learner's behalf is not
    the lesson: checking the input and saying why is. `case`: a sentence that says raising it here is
    right, for a call that raised with an empty message (`why` is a clause for the other failures)."""
    what = label(fn, args)
    why_text = (" " + _(why)) if why else ""
    activity.note(what)
    taken = arguments.snapshot(args, {})
    try:
        result = fn(*args)
    except kind as error:
        expect_own_message(error, kind, what, mentioning, why_text, names, case)
        arguments.expect_arguments_kept(fn, taken, what)  # a check that fails leaves them as given too
        return error
    except BaseException as error:  # noqa: BLE001 - learner code may raise anything
        fail_for_unfinished_or_exit(what, error, fn)
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


def expect_own_message(
    error: BaseException,
    kind: type[BaseException],
    what: str,
    mentioning: Mentioning,
    why_text: str,
    names: str,
    case: str = "",
) -> None:
    """The raised error came from the learner's own check and says what is wrong."""
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
        fail(_empty_message(what, kind, names, case))
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

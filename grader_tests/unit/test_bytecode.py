"""The grader's own bytecode (kata.core.bytecode): compiled once per version of the source, kept
in a private cache, never read from or written into the checkout, and only for the grader's own
folders."""

from __future__ import annotations

import importlib
import importlib.util
import marshal
import os
import sys
from pathlib import Path

import pytest

from kata import ROOT
from kata.core import bytecode


@pytest.fixture
def own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder that counts as the grader's own, a private cache, and this process's import
    state put back afterwards."""
    folder = tmp_path / "own"
    folder.mkdir()
    monkeypatch.setattr(bytecode, "_PREFIXES", (*bytecode._PREFIXES, f"{folder}{os.sep}"))
    (tmp_path / "cache").mkdir()  # as install() makes it (bytecode.private)
    monkeypatch.setattr(bytecode.CachedSourceLoader, "cache", tmp_path / "cache")
    monkeypatch.setattr(sys, "path_hooks", list(sys.path_hooks))
    monkeypatch.setattr(sys, "path_importer_cache", dict(sys.path_importer_cache))
    monkeypatch.setattr(sys, "path", [str(folder), *sys.path])
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # as under `make`
    return folder


def load(name: str, path: Path) -> object:
    loader = bytecode.CachedSourceLoader(name, str(path))
    spec = importlib.util.spec_from_file_location(name, path, loader=loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_a_module_of_the_graders_own_is_compiled_once_into_the_private_cache(own: Path, tmp_path: Path) -> None:
    (own / "helper.py").write_text("VALUE = 1\n")
    assert load("helper", own / "helper.py").VALUE == 1  # type: ignore[attr-defined]
    entries = list((tmp_path / "cache").iterdir())
    assert len(entries) == 1, "one entry for one source"
    assert not (own / "__pycache__").exists(), "nothing written beside the source"
    # The entry is what the next import runs: an entry of other code, under the same name, shows it is read.
    entries[0].write_bytes(marshal.dumps(compile("VALUE = 2\n", str(own / "helper.py"), "exec")))
    assert load("helper", own / "helper.py").VALUE == 2  # type: ignore[attr-defined]


def test_an_entry_stands_only_for_the_exact_bytes_it_was_compiled_from(own: Path, tmp_path: Path) -> None:
    source = own / "helper.py"
    source.write_text("VALUE = 1\n")
    load("helper", source)
    mtime = source.stat().st_mtime_ns
    source.write_text("VALUE = 7\n")  # the same size, the same time: Python's own cache would not see it
    os.utime(source, ns=(mtime, mtime))
    assert load("helper", source).VALUE == 7  # type: ignore[attr-defined]
    assert len(list((tmp_path / "cache").iterdir())) == 2


def test_the_same_source_at_another_path_is_reported_at_that_path(own: Path) -> None:
    (own / "a.py").write_text("def f():\n    raise ValueError\n")
    (own / "b.py").write_text("def f():\n    raise ValueError\n")
    load("a", own / "a.py")
    module = load("b", own / "b.py")
    assert module.f.__code__.co_filename == str(own / "b.py")  # type: ignore[attr-defined]


def test_a_planted_pyc_beside_the_graders_own_source_is_never_run(own: Path) -> None:
    """A `.pyc` in __pycache__ whose header matches the unchanged `.py` (what Python's own cache
    would run) and a bare `.pyc` with no source are both ignored in the grader's folders."""
    source = own / "planted.py"
    source.write_text("VALUE = 'honest'\n")
    stat = source.stat()
    header = importlib.util.MAGIC_NUMBER + (0).to_bytes(4, "little")
    header += (int(stat.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little") + (stat.st_size & 0xFFFFFFFF).to_bytes(
        4, "little"
    )
    evil = marshal.dumps(compile("VALUE = 'planted'\n", str(source), "exec"))
    cached = Path(importlib.util.cache_from_source(str(source)))
    cached.parent.mkdir()
    cached.write_bytes(header + evil)
    (own / "bare.pyc").write_bytes(header + evil)
    bytecode.install_hook()
    sys.modules.pop("planted", None)
    sys.modules.pop("bare", None)
    try:
        assert importlib.import_module("planted").VALUE == "honest"  # type: ignore[attr-defined]
        with pytest.raises(ModuleNotFoundError):
            importlib.import_module("bare")
    finally:
        sys.modules.pop("planted", None)


def test_learner_folders_are_left_to_python(own: Path) -> None:
    """exercises/ and solutions/ are not the grader's: the hook declines them, so a worker imports
    a learner's file as Python does (with bytecode off, from its own copy)."""
    assert not bytecode.is_own_folder(str(ROOT / "exercises"))
    assert not bytecode.is_own_folder(str(ROOT / "solutions"))
    assert not bytecode.is_own(str(ROOT / "exercises" / "ex01_one_hot.py"))
    assert bytecode.is_own(str(ROOT / "kata" / "engine" / "worker.py"))
    assert bytecode.is_own(str(ROOT / "tests" / "test_ex01_one_hot.py"))
    assert bytecode.is_own_folder(str(ROOT / "kata" / "engine"))


def test_without_a_cache_folder_modules_compile_as_before(
    own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setattr(bytecode.CachedSourceLoader, "cache", blocked / "cache")
    (own / "helper.py").write_text("VALUE = 3\n")
    assert load("helper", own / "helper.py").VALUE == 3  # type: ignore[attr-defined]


def test_a_cache_folder_that_others_can_write_or_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    """An entry is run as code: a folder another user can write (a shared XDG_CACHE_HOME), or a
    symbolic link to one, turns the cache off."""
    good = tmp_path / "good" / "kata" / "bytecode"
    assert bytecode.private(good) and good.is_dir()
    shared = tmp_path / "shared" / "kata" / "bytecode"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    assert not bytecode.private(shared)
    linked = tmp_path / "linked" / "kata"
    linked.mkdir(parents=True)
    (linked / "bytecode").symlink_to(good)
    assert not bytecode.private(linked / "bytecode")


def test_an_entry_that_is_a_link_is_not_followed(own: Path, tmp_path: Path) -> None:
    (own / "helper.py").write_text("VALUE = 1\n")
    load("helper", own / "helper.py")
    (entry,) = (tmp_path / "cache").iterdir()
    elsewhere = tmp_path / "elsewhere.bin"
    elsewhere.write_bytes(marshal.dumps(compile("VALUE = 'followed'\n", str(own / "helper.py"), "exec")))
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert load("helper", own / "helper.py").VALUE == 1  # type: ignore[attr-defined]


def test_grading_others_unconfined_drops_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Their code runs as this user and could write entries: none is read, and the folder goes."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = bytecode.cache_dir()
    assert folder is not None and bytecode.private(folder)
    monkeypatch.setattr(bytecode.CachedSourceLoader, "cache", folder)
    bytecode.distrust()
    assert bytecode.CachedSourceLoader.cache is None
    assert not folder.exists()


def test_the_cache_is_a_secret_folder_of_every_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It holds the hidden tests, compiled: no folder a worker may read may hold it."""
    from kata.engine import sandbox

    monkeypatch.setattr(bytecode.CachedSourceLoader, "cache", tmp_path / "kata" / "bytecode")
    monkeypatch.setenv("HOME", str(tmp_path / "worker"))  # a worker's own folder, once the grader is forgotten
    assert str(tmp_path / "kata" / "bytecode") in sandbox.secret_folders(ROOT / "solutions")


def test_a_relative_home_gives_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", ".")
    assert bytecode.cache_dir() is None

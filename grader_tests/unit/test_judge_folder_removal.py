"""A judge's folder goes when the judge ends, whatever graded code left in it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kata.engine.judge_process import _make_writable


def test_a_folder_made_read_only_is_given_back_and_no_link_is_followed(tmp_path: Path) -> None:
    """Where the grader is not root, a read-only folder kept its files after the grade (attack
    11, finding 5): each folder is given back its owner's rights first; a link is never followed."""
    outside = tmp_path / "outside"
    outside.mkdir(mode=0o755)
    work = tmp_path / "work"
    (work / "stays" / "here").mkdir(parents=True)
    (work / "stays" / "here" / "ballast.bin").write_bytes(b"x")
    (work / "link").symlink_to(outside)
    (work / "stays" / "here").chmod(0o500)
    (work / "stays").chmod(0o000)
    _make_writable(str(work))
    for folder in (work, work / "stays", work / "stays" / "here"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(os.stat(outside).st_mode) == 0o755

"""The parent's check of the grading files after every judge: where the kernel has no Landlock
and someone grades their own code anyway, a change is still found, charged and undone
(kata.engine.scheduler decides who is charged).

A check compares each file's bytes with those taken before grading started. Reading 110 files
and listing them took about 4 ms, three times a `make watch` save; so where the file system's
stamps can be trusted (POSIX), a file whose stamp is unchanged is not read again. Its stamp holds
its inode and size, its modification time, which graded code can set, and its change time
(ctime), which no unprivileged process can: any write, rename or chmod sets it to the present.
A folder's stamp changes when a file in it is added, removed or renamed, so the folders are not
listed again either while their stamps hold. Stamps that were recent when they were taken
(within FRESH seconds) are never trusted: a file system may keep times in coarse steps, and a
write in the same step would leave the stamp as it was.

Stamps are trusted only where the kernel already keeps graded code from writing these files
(Landlock, kata.engine.confine), so that this check is the second line there. Where graded code
runs unconfined it is the only line, and that every way of writing moves a stamp at once is
checked on this Linux only (a write through a shared memory map moved ctime at its first byte, on
tmpfs and on the root file system), not on macOS: there, as on Windows (whose ctime is the
creation time), every check reads every file.
"""

from __future__ import annotations

import os
import shutil
import stat
import time
from functools import cache
from pathlib import Path

from kata import ROOT
from kata.core.grading_files import grading_files

FRESH = 3.0  # seconds: a stamp this recent is not trusted (FAT keeps times in 2-second steps)
TRUST_STAMPS = os.name == "posix"


@cache
def stamps_trusted() -> bool:
    """Whether graded code is kept from writing the grading files by the kernel: Landlock here,
    and confinement not switched off (KATA_CONFINE=off or none)."""
    from kata.core.settings import settings
    from kata.engine.confine import abi

    return TRUST_STAMPS and settings().confine not in ("off", "none") and abi() > 0


Stamp = tuple[int, int, int, int, int, int]


def stamp_of(path: Path) -> Stamp | None:
    """What changes whenever the file or folder is changed; None when gone, or a symbolic link."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):  # what a link points to can change under an unchanged link: never trusted
        return None
    return (st.st_mode, st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class GradingFiles:
    """The bytes of every grading file, taken before grading starts: what `changed` compares
    against and what `restore` writes back."""

    _last: GradingFiles | None = None  # the one taken before, whose bytes a new one takes where no stamp moved

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        self.pristine: dict[str, bytes] = {}
        self.stamps: dict[str, Stamp] = {}  # by file name, where trusted
        self.folder_stamps: dict[Path, Stamp] = {}  # every folder above them; none where any is untrusted
        last = GradingFiles._last
        if last is not None and last.root == root and len(last._unchanged()) == len(last.pristine):
            self.pristine, self.stamps, self.folder_stamps = last.pristine, last.stamps, last.folder_stamps
        else:
            self.pristine = {name: path.read_bytes() for name, path in self._current().items()}
            self._take_stamps()
        GradingFiles._last = self

    def _current(self) -> dict[str, Path]:
        return {str(path.relative_to(self.root)): path for path in grading_files(self.root)}

    def _take_stamps(self) -> None:
        """Stamps of the files as they are now and of every folder above them, where trusted.
        Taken after the bytes were read: a change in between shows as a change, never hides."""
        self.stamps, self.folder_stamps = {}, {}
        if not stamps_trusted():
            return
        recent = (time.time() - FRESH) * 1e9
        files = {self.root / name: name for name in self.pristine}
        above = {
            "/".join(parts[:i]) for parts in (name.split("/") for name in self.pristine) for i in range(len(parts))
        }
        folders = {self.root / folder for folder in above}
        for path in [*files, *folders]:
            found = stamp_of(path)
            if found is None or found[5] >= recent:  # gone, or changed too lately to tell a change by
                if path in folders:  # then nothing is taken from stamps: every check lists and reads
                    self.stamps, self.folder_stamps = {}, {}
                    return
                continue
            if path in folders:
                self.folder_stamps[path] = found
            else:
                self.stamps[files[path]] = found

    def _unchanged(self) -> set[str]:
        """Files whose stamps held, in folders whose stamps held (nothing added, removed or renamed there)."""
        if not self.folder_stamps or any(stamp_of(path) != found for path, found in self.folder_stamps.items()):
            return set()
        return {name for name, found in self.stamps.items() if stamp_of(self.root / name) == found}

    def changed(self) -> list[str]:
        """Grading files added, removed or rewritten since the snapshot, by name."""
        unchanged = self._unchanged()
        if unchanged and len(unchanged) == len(self.pristine):
            return []
        current = self._current()
        names = set(current) | set(self.pristine)
        return sorted(name for name in names if name not in unchanged and self._differs(name, current))

    def _differs(self, name: str, current: dict[str, Path]) -> bool:
        if name not in current or name not in self.pristine:
            return True
        try:
            return current[name].read_bytes() != self.pristine[name]
        except OSError:  # removed or made a folder after it was listed: unconfined graded code still at it
            return True

    def restore(self) -> None:
        """Write the pristine bytes back and remove files that were added. Unconfined graded code
        may still be removing them meanwhile: a file or folder gone under the writer is tried again.
        The stamps are taken again: the files were just written."""
        for name in self.changed():
            path = self.root / name
            if name not in self.pristine:
                path.unlink(missing_ok=True)
                continue
            for last in (False, False, True):
                try:
                    if path.is_dir() and not path.is_symlink():
                        shutil.rmtree(path)
                    elif path.is_symlink():
                        path.unlink()
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(self.pristine[name])
                    break
                except FileNotFoundError:
                    if last:
                        raise
        self._take_stamps()

"""Set-up without make: `python -m kata setup` (what `make install` runs) and a notebook's
`%kata setup`. Standard library only: it runs before anything is installed.

- In a terminal: `./.venv` with the pinned dependencies (requirements.txt), torch from the index
  kata.core.pip_index picks, on Linux, macOS and Windows (`.venv\\Scripts\\python.exe`).
  Afterwards `python -m kata COMMAND` runs in that venv by itself (kata.cli).
- In a notebook (Colab, Jupyter): no venv. Only what is missing is installed into the kernel's
  own Python, and a torch that is there already is kept when its version is in TORCH_SUPPORTED
  (Colab's CUDA build included: installing the pin would download several GB beside it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kata import ROOT
from kata.core import launcher, pip_index
from kata.core.text import indent
from kata.i18n import _

VENV_DIR = ROOT / ".venv"
REQUIREMENTS = ROOT / "requirements.txt"
# The torch versions the kata is known to work with; requirements.txt and both READMEs state it
# (grader_tests/test_setup.py checks they agree). Lowest: checked on a GPU with 2.11 (.ci/gpu-check);
# highest: the pin, 2.13.
TORCH_SUPPORTED = ((2, 11), (2, 14))  # from 2.11 up to, not including, 2.14
# Kept in whatever version is installed: changing them under a running kernel breaks what imported them.
KEEP_ANY_VERSION = ("numpy",)
# Import names of the packages grading needs, for the check that runs before grading.
NEEDED_MODULES = {
    "torch": "torch",
    "numpy": "numpy",
    "pytest": "pytest",
    "pytest_timeout": "pytest-timeout",
    "hypothesis": "hypothesis",
}


@dataclass(frozen=True)
class Requirement:
    name: str
    version: str

    @property
    def spec(self) -> str:
        return f"{self.name}=={self.version}"


def venv_python(folder: Path = VENV_DIR, *, windows: bool | None = None) -> Path:
    """The venv's interpreter: bin/python, or Scripts\\python.exe on Windows."""
    if os.name == "nt" if windows is None else windows:
        return folder / "Scripts" / "python.exe"
    return folder / "bin" / "python"


def _marker_holds(marker: str, version: tuple[int, int]) -> bool:
    """The one kind of marker requirements.txt uses: python_version OP "X.Y"."""
    found = re.fullmatch(r'\s*python_version\s*(>=|<=|<|>|==|!=)\s*"(\d+)\.(\d+)"\s*', marker)
    if not found:
        return True
    op, wanted = found.group(1), (int(found.group(2)), int(found.group(3)))
    return {
        ">=": version >= wanted,
        "<=": version <= wanted,
        "<": version < wanted,
        ">": version > wanted,
        "==": version == wanted,
        "!=": version != wanted,
    }[op]


def requirements(text: str, python: tuple[int, int] = sys.version_info[:2]) -> list[Requirement]:
    """The pins of requirements.txt that apply to this Python."""
    found = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        spec, _sep, marker = line.partition(";")
        name, _eq, version = spec.partition("==")
        if _marker_holds(marker, python):
            found.append(Requirement(name.strip(), version.strip()))
    return found


def version_tuple(version: str) -> tuple[int, ...]:
    """ "2.13.0+cpu" -> (2, 13, 0)."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3])


def torch_supported(version: str) -> bool:
    low, high = TORCH_SUPPORTED
    return low <= version_tuple(version)[:2] < high


def installed_versions(names: list[str]) -> dict[str, str]:
    import importlib.metadata  # here: every grading command imports this module, few need it

    found = {}
    for name in names:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            pass
    return found


def to_install(wanted: list[Requirement], installed: dict[str, str]) -> list[Requirement]:
    """What a notebook's set-up installs: what is missing, a torch outside TORCH_SUPPORTED, and a
    small pure-Python dependency (pytest, hypothesis, ...) in another version than the pin."""
    missing = []
    for requirement in wanted:
        have = installed.get(requirement.name)
        if have is None:
            missing.append(requirement)
        elif requirement.name == "torch":
            if not torch_supported(have):
                missing.append(requirement)
        elif requirement.name not in KEEP_ANY_VERSION and have != requirement.version:
            missing.append(requirement)
    return missing


def missing_modules() -> list[str]:
    """The distributions grading needs that this Python cannot import (empty: ready)."""
    import importlib.util

    needed = dict(NEEDED_MODULES)
    if sys.version_info < (3, 11):
        needed["tomli"] = "tomli"

    def absent(module: str) -> bool:
        try:
            return importlib.util.find_spec(module) is None
        except (ImportError, ValueError):  # a broken install counts as missing too
            return True

    return [dist for module, dist in needed.items() if absent(module)]


def missing_line(names: list[str]) -> str:
    """One line that says what is missing and what to run (no traceback)."""
    return _(
        "kata: this Python ({python}) lacks what grading needs: {names}. Run {command} first.",
        names=", ".join(names),
        python=sys.executable,
        command=launcher.command("setup"),
    )


def pip_install(python: str, specs: list[str], *, torch_index: bool) -> int:
    args = [python, "-m", "pip", "install", "--disable-pip-version-check"]
    if torch_index:
        args += pip_index.args_for(python)
    print("$ " + " ".join(args + specs), flush=True)
    return subprocess.run(args + specs, check=False).returncode


def into_this_python(requirements_text: str | None = None) -> int:
    """A notebook's set-up: install only what is missing into the kernel's own Python."""
    text = REQUIREMENTS.read_text(encoding="utf-8") if requirements_text is None else requirements_text
    wanted = requirements(text)
    installed = installed_versions([r.name for r in wanted])
    kept = [f"{r.name} {installed[r.name]}" for r in wanted if r not in to_install(wanted, installed)]
    if kept:
        print(indent(_("Already installed, kept: {packages}", packages=", ".join(kept)), ""), flush=True)
    needed = to_install(wanted, installed)
    if not needed:
        print(indent(_("Nothing to install: the kata is ready."), ""), flush=True)
        return 0
    print(indent(_("Installing {packages} ...", packages=", ".join(r.spec for r in needed)), ""), flush=True)
    started = time.monotonic()
    code, log = pip_install_quietly([r.spec for r in needed], torch_index=any(r.name == "torch" for r in needed))
    import importlib

    importlib.invalidate_caches()
    if code != 0:
        print("\n".join(log.strip().splitlines()[-3:]))  # pip's last words: what went wrong
        print(
            indent(
                _(
                    "kata: pip could not install {packages} (exit code {code}).",
                    packages=", ".join(r.spec for r in needed),
                    code=code,
                ),
                "",
            )
        )
        return 1
    for requirement in needed:
        print(indent(_("installed {package}", package=requirement.spec), "  "), flush=True)
    print(
        indent(
            _(
                "Installed {count} in {seconds:.0f} s: the kata is ready.",
                count=len(needed),
                seconds=time.monotonic() - started,
            ),
            "",
        ),
        flush=True,
    )
    return 0


ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


def pip_install_quietly(specs: list[str], *, torch_index: bool) -> tuple[int, str]:
    """pip in the kernel's Python with its log kept, not shown: (exit code, the log without
    escape codes). A notebook shows every progress bar and colour pip draws as a line of its own."""
    args = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", "--progress-bar=off"]
    if torch_index:
        args += pip_index.args_for(sys.executable)
    env = {**os.environ, "NO_COLOR": "1", "PIP_NO_COLOR": "1", "TERM": "dumb", "PIP_PROGRESS_BAR": "off"}
    proc = subprocess.run(args + specs, check=False, capture_output=True, text=True, env=env)
    return proc.returncode, ESCAPES.sub("", (proc.stdout or "") + (proc.stderr or ""))


def into_venv(folder: Path = VENV_DIR) -> int:
    """`python -m kata setup` and `make install`: ./.venv with the pinned dependencies."""
    marker = folder / ".installed"
    python = venv_python(folder)
    if marker.exists() and python.exists() and marker.stat().st_mtime >= REQUIREMENTS.stat().st_mtime:
        print(indent(_("{folder} is set up already.", folder=folder.name), ""), flush=True)
        return 0
    if not python.exists():
        print(
            indent(_("Creating {folder} (a virtual environment for the kata) ...", folder=folder.name), ""), flush=True
        )
        try:
            import venv

            venv.EnvBuilder(with_pip=True).create(folder)
        except (OSError, subprocess.CalledProcessError) as error:
            print(
                indent(
                    _(
                        "kata: could not create {folder} ({error}). On Debian or Ubuntu, install python3-venv first.",
                        folder=folder.name,
                        error=error,
                    ),
                    "",
                ),
                file=sys.stderr,
            )
            return 1
    print(
        indent(
            _(
                "Installing the kata's dependencies into {folder} (torch is large: this takes a while) ...",
                folder=folder.name,
            ),
            "",
        ),
        flush=True,
    )
    code = pip_install(str(python), ["--quiet", "-r", str(REQUIREMENTS)], torch_index=True)
    if code != 0:
        print(
            indent(
                _("kata: pip could not install {packages} (exit code {code}).", packages=REQUIREMENTS.name, code=code),
                "",
            ),
            file=sys.stderr,
        )
        return 1
    marker.touch()
    print(indent(_("Set up. Next: {command}", command=launcher.command("test")), ""), flush=True)
    return 0

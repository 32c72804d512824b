"""Where the bench scripts keep what they measured: bench/results/<script>.json.

Each run of a script appends one entry (commit, date, load average, cores, arguments and its
figures) to the `runs` list of its file, so the docs quote figures from there and never in prose.
A run with uncommitted changes records its commit with "+dirty". Entries whose `source` says
"transcribed" were copied from the README's prose before issue 28 moved figures here.
"""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def commit() -> str:
    """The checkout's short commit, "+dirty" when tracked files differ from it."""
    root = RESULTS.parent.parent
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True)
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD"], cwd=root, capture_output=True).returncode != 0
    return (head.stdout.strip() or "unknown") + ("+dirty" if dirty else "")


def record(script: str, figures: dict[str, Any], *, target: str) -> Path:
    """Append this run's figures to bench/results/<script>.json and say where they went."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{script}.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"script": f"bench/{script}.py"}
    data["target"] = target
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    data.setdefault("runs", []).append(
        {
            "commit": commit(),
            "date": datetime.date.today().isoformat(),
            "load_average": None if load is None else round(load, 2),
            "cores": os.cpu_count(),
            "args": sys.argv[1:],
            "source": "measured by the script",
            "figures": figures,
        }
    )
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"recorded in {path.relative_to(RESULTS.parent.parent)}")
    return path

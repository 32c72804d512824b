#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image. Its default base image is
# Ubuntu 22.04, whose python3 is 3.10; the kata runs on Python 3.10 to 3.13 (requirements.txt
# picks numpy and tomli per version). It installs the pinned dependencies into a venv; torch
# comes from PyTorch's CPU index, so the image does not pull a multi-GB CUDA build.
# For testing elsewhere: AUTOGRADER_ROOT (default /autograder), KATA_SETUP_PYTHON (default
# python3), KATA_TORCH_INDEX (default PyTorch's CPU index; "none" leaves pip's own settings).
set -euo pipefail
root=${AUTOGRADER_ROOT:-/autograder}
python=${KATA_SETUP_PYTHON:-python3}
index=${KATA_TORCH_INDEX:-https://download.pytorch.org/whl/cpu}
cd "$root/source"

supported() {
  "$python" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null
}
if ! supported; then
  apt-get update && apt-get install -y python3 python3-pip
  python=python3
  supported || { echo "setup.sh: the kata needs Python 3.10 to 3.13; $($python --version 2>&1) found" >&2; exit 1; }
fi

# Debian and Ubuntu ship ensurepip apart (python3.X-venv): `python3 -m venv --help` works without
# it, creating a venv does not. So create one for real to find out.
probe=$(mktemp -d)
if ! "$python" -m venv "$probe/venv" >/dev/null 2>&1; then
  version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  apt-get update && apt-get install -y "python$version-venv"
fi
rm -rf "$probe"

"$python" -m venv "$root/venv"
if [ "$index" = none ]; then
  "$root/venv/bin/pip" install --quiet -r requirements.txt
else
  "$root/venv/bin/pip" install --quiet --extra-index-url "$index" -r requirements.txt
fi
"$root/venv/bin/python" -c "import kata.core.manifest, numpy, pytest, torch; kata.core.manifest.load_manifest()"

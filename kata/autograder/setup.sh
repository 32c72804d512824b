#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu). It installs the
# kata's pinned dependencies into /autograder/venv; torch comes from PyTorch's CPU index, so the
# image does not pull a multi-GB CUDA build.
set -euo pipefail
cd /autograder/source
if ! python3 -m venv --help >/dev/null 2>&1; then
  apt-get update && apt-get install -y python3 python3-venv python3-pip
fi
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --quiet --extra-index-url https://download.pytorch.org/whl/cpu -r requirements.txt

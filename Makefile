# The RNN basics kata. `make test` is all a learner needs: it sets everything up first.
# begin maintainer
# A student copy's Makefile is made from this one (kata/instructor/student_texts.py): what sits between
# "# begin maintainer" and "# end maintainer" (or on a line ending in "# maintainer") is left out,
# and so is what is marked "solutions" unless the copy ships the reference solutions.
# end maintainer
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
IMPL ?= exercises
RESULTS ?= results.json
FORMAT ?= gradescope
# begin maintainer
SUBMISSIONS ?= submissions
OUT ?=
SOLUTIONS ?= no
REPO ?=
BRANCH ?= main
# end maintainer
export PYTHONDONTWRITEBYTECODE := 1
# Tells the kata it was started by make, so its messages say `make hint EX=ex02`, not
# `python -m kata hint ex02`. Set per command, not exported: the kata's own tests start it other ways.
KATA_ENV := KATA_LAUNCHER=make
KATA := $(KATA_ENV) $(PY) -m kata

EX ?=
.PHONY: help install test watch list hint reset explain grade clean
.PHONY: solution # solutions
.PHONY: grade-all release autograder check bench mutants # maintainer

# Plain `make`: the learner's commands, each as they type it (needs nothing installed).
help:
	@$(KATA_ENV) $(PYTHON) -m kata help

install: $(VENV)/.installed

# A file target: a fresh clone builds it once, later runs find it and skip straight on.
# torch's index: on Linux without an NVIDIA GPU, PyTorch's CPU index (a pin alone pulls the
# multi-GB CUDA build); with one, PyPI's CUDA build; a pip configured with its own index is left
# alone. TORCH_INDEX=cpu, cuda or an index URL overrides (kata/core/pip_index.py).
TORCH_INDEX ?= auto
# The same set-up as `python -m kata setup` (kata/learner/setup.py), which needs no make.
$(VENV)/.installed: requirements.txt
	@$(KATA_ENV) TORCH_INDEX=$(TORCH_INDEX) $(PYTHON) -m kata setup

# begin maintainer
# uv installs the maintainer tools in about 4 s where pip takes about 18 s, on `make check`'s clock
# in every fresh clone (CI's too); pip installs them wherever uv cannot (uv reads no pip.conf:
# UV_INDEX_URL names an index of your own).
$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	@$(PY) -m pip install --quiet --disable-pip-version-check "$$(grep '^uv==' requirements-dev.txt | cut -d' ' -f1)" \
	  && $(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements-dev.txt \
	  || $(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@
# end maintainer

test: $(VENV)/.installed
	@$(KATA) test --impl=$(IMPL) $(EX)

watch: $(VENV)/.installed
	@$(KATA) watch $(EX)

list: $(VENV)/.installed
	@$(KATA) list $(EX)

hint: $(VENV)/.installed
	@$(KATA) hint $(EX)

explain: $(VENV)/.installed
	@$(KATA) explain $(EX)

reset: $(VENV)/.installed
	@$(KATA) reset $(EX)

# begin solutions
solution: $(VENV)/.installed
	@$(KATA) solution $(EX) $(if $(FORCE),--force)
# end solutions

grade: $(VENV)/.installed
	@$(KATA) grade --impl=$(IMPL) --results=$(RESULTS) --format=$(FORMAT)

# begin maintainer
grade-all: $(VENV)/.installed
	@$(KATA) grade-all --submissions=$(SUBMISSIONS) --out=$(or $(OUT),gradebook.csv)

release: $(VENV)/.installed
	@$(KATA) release --out="$(OUT)" $(if $(filter yes,$(SOLUTIONS)),--solutions) --repo="$(REPO)" --branch="$(BRANCH)"

autograder: $(VENV)/.installed
	@$(KATA) autograder --out=$(or $(OUT),autograder.zip)

check: $(VENV)/.dev-installed
	$(PY) -m ruff check kata tests hidden_tests solutions grader_tests bench mutation conftest.py
	$(PY) -m ruff format --check kata tests hidden_tests solutions grader_tests bench mutation conftest.py
	$(VENV)/bin/lint-imports --no-cache
	@# mypy's first run in a clone (cold cache: about 27 s at load 8) goes on beside the tests, whose
	@# real processes wait much of the time; its report comes at the end. Both tiers start together:
	@# the fast tier and the slow tier's pytest processes (grader_tests/streams.py shows the fast
	@# tier's output first, and stops the slow tier when it fails).
	@log=$$(mktemp); $(PY) -m mypy > $$log 2>&1 & typing=$$!; \
	  echo "$(PY) -m mypy (beside the tests)"; \
	  $(PY) -m grader_tests.streams; tests=$$?; \
	  wait $$typing; typed=$$?; cat $$log; rm -f $$log; [ $$tests -eq 0 ] && [ $$typed -eq 0 ]

bench: $(VENV)/.installed
	$(PY) bench/grade_speed.py
	$(PY) bench/watch_latency.py
	$(PY) bench/train_speed.py
	$(PY) bench/grade_all_speed.py --copies 100 --sample 10
	$(PY) bench/contract_cost.py
	$(PY) bench/call_cost.py

# Mutation testing (cosmic-ray, see mutation/run.py): minutes, so not part of make check.
# Fails (mutation/run.py exits 1) when an exercise's graded tests kill under 95% of its
# non-equivalent mutants; exit 2 when the unmutated solutions fail or a mutant could not be run.
# EX=ex02_batch for one exercise; MUTANTS_ARGS="--no-fork" or "--with-dependents" (see --help).
mutants:
	@$(MAKE) --no-print-directory $(VENV)/.dev-installed
	@$(PY) -m mutation.run $(if $(EX),--only $(EX)) $(MUTANTS_ARGS)
# end maintainer

clean:
	rm -rf $(VENV) results.json .mutants .mypy_cache

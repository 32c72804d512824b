# The RNN basics kata. `make test` is all a learner needs: it sets everything up first.
# begin maintainer
# A student copy's Makefile is made from this one (kata/release.py): what sits between
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
# end maintainer
export PYTHONDONTWRITEBYTECODE := 1

EX ?=
.PHONY: install test watch list hint reset explain grade clean
.PHONY: solution # solutions
.PHONY: grade-all release autograder check bench mutants # maintainer

install: $(VENV)/.installed

# A file target: a fresh clone builds it once, later runs find it and skip straight on.
# torch's index: on Linux without an NVIDIA GPU, PyTorch's CPU index (a pin alone pulls the
# multi-GB CUDA build); with one, PyPI's CUDA build; a pip configured with its own index is left
# alone. TORCH_INDEX=cpu, cuda or an index URL overrides (kata/pip_index.py).
TORCH_INDEX ?= auto
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $$($(PY) -m kata.core.pip_index $(TORCH_INDEX)) -r requirements.txt
	touch $@

# begin maintainer
$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@
# end maintainer

test: $(VENV)/.installed
	@$(PY) -m kata test --impl=$(IMPL) $(EX)

watch: $(VENV)/.installed
	@$(PY) -m kata watch $(EX)

list: $(VENV)/.installed
	@$(PY) -m kata list $(EX)

hint: $(VENV)/.installed
	@$(PY) -m kata hint $(EX)

explain: $(VENV)/.installed
	@$(PY) -m kata explain $(EX)

reset: $(VENV)/.installed
	@$(PY) -m kata reset $(EX)

# begin solutions
solution: $(VENV)/.installed
	@$(PY) -m kata solution $(EX) $(if $(FORCE),--force)
# end solutions

grade: $(VENV)/.installed
	@$(PY) -m kata grade --impl=$(IMPL) --results=$(RESULTS) --format=$(FORMAT)

# begin maintainer
grade-all: $(VENV)/.installed
	@$(PY) -m kata grade-all --submissions=$(SUBMISSIONS) --out=$(or $(OUT),gradebook.csv)

release: $(VENV)/.installed
	@$(PY) -m kata release --out="$(OUT)" $(if $(filter yes,$(SOLUTIONS)),--solutions)

autograder: $(VENV)/.installed
	@$(PY) -m kata autograder --out=$(or $(OUT),autograder.zip)

check: $(VENV)/.dev-installed
	$(PY) -m ruff check kata tests hidden_tests solutions grader_tests bench mutation conftest.py
	$(PY) -m ruff format --check kata tests hidden_tests solutions grader_tests bench mutation conftest.py
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -q -p no:cacheprovider grader_tests/unit
	$(PY) -m pytest -q -p no:cacheprovider --durations=10 grader_tests --ignore=grader_tests/unit

bench: $(VENV)/.installed
	$(PY) bench/grade_speed.py
	$(PY) bench/watch_latency.py
	$(PY) bench/train_speed.py
	$(PY) bench/grade_all_speed.py --copies 100 --sample 10
	$(PY) bench/contract_cost.py

# Mutation testing (cosmic-ray, see mutation/run.py): minutes, so not part of make check.
# Fails (mutation/run.py exits 1) when an exercise's graded tests kill under 95% of its
# non-equivalent mutants; exit 2 when the unmutated solutions fail or a mutant could not be run.
# EX=ex02_batch for one exercise; MUTANTS_ARGS="--no-fork" or "--with-dependents" (see --help).
mutants:
	@$(MAKE) --no-print-directory $(VENV)/.dev-installed
	@$(PY) -m mutation.run $(if $(EX),--only $(EX)) $(MUTANTS_ARGS)
# end maintainer

clean:
	rm -rf $(VENV) results.json .mutants

# The RNN basics kata. `make test` is all a learner needs: it sets everything up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
IMPL ?= exercises
RESULTS ?= results.json
FORMAT ?= gradescope
SUBMISSIONS ?= submissions
OUT ?=
export PYTHONDONTWRITEBYTECODE := 1

EX ?=
.PHONY: install test watch list hint reset solution explain grade grade-all release autograder check bench clean

install: $(VENV)/.installed

# A file target: a fresh clone builds it once, later runs find it and skip straight on.
# torch's index: on Linux without an NVIDIA GPU, PyTorch's CPU index (a pin alone pulls the
# multi-GB CUDA build); with one, PyPI's CUDA build; a pip configured with its own index is left
# alone. TORCH_INDEX=cpu, cuda or an index URL overrides (kata/pip_index.py).
TORCH_INDEX ?= auto
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $$($(PY) -m kata.pip_index $(TORCH_INDEX)) -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

test: $(VENV)/.installed
	@$(PY) -m kata test --impl=$(IMPL)

watch: $(VENV)/.installed
	@$(PY) -m kata watch

list: $(VENV)/.installed
	@$(PY) -m kata list

hint: $(VENV)/.installed
	@$(PY) -m kata hint $(EX)

explain: $(VENV)/.installed
	@$(PY) -m kata explain $(EX)

reset: $(VENV)/.installed
	@$(PY) -m kata reset $(EX)

solution: $(VENV)/.installed
	@$(PY) -m kata solution $(EX) $(if $(FORCE),--force)

grade: $(VENV)/.installed
	@$(PY) -m kata grade --impl=$(IMPL) --results=$(RESULTS) --format=$(FORMAT)

grade-all: $(VENV)/.installed
	@$(PY) -m kata grade-all --submissions=$(SUBMISSIONS) --out=$(or $(OUT),gradebook.csv)

release: $(VENV)/.installed
	@test -n "$(OUT)" || { echo "make release OUT=dir: say where the student copy goes"; exit 2; }
	@$(PY) -m kata release --out=$(OUT)

autograder: $(VENV)/.installed
	@$(PY) -m kata autograder --out=$(or $(OUT),autograder.zip)

check: $(VENV)/.dev-installed
	@if [ ! -d grader_tests ]; then \
	  echo "make check runs the kata's own tests, which a student copy leaves out: use make test."; \
	else \
	  set -e; \
	  $(PY) -m ruff check kata tests hidden_tests solutions grader_tests bench conftest.py; \
	  $(PY) -m pytest -q -p no:cacheprovider grader_tests; \
	fi

bench: $(VENV)/.installed
	$(PY) bench/grade_speed.py
	$(PY) bench/watch_latency.py
	$(PY) bench/train_speed.py
	$(PY) bench/grade_all_speed.py --copies 100 --sample 10

clean:
	rm -rf $(VENV) results.json

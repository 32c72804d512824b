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

.PHONY: install test grade grade-all check bench clean

install: $(VENV)/.installed

# A file target: a fresh clone builds it once, later runs find it and skip straight on.
$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

test: $(VENV)/.installed
	@$(PY) -m kata test --impl=$(IMPL)

grade: $(VENV)/.installed
	@$(PY) -m kata grade --impl=$(IMPL) --results=$(RESULTS) --format=$(FORMAT)

grade-all: $(VENV)/.installed
	@$(PY) -m kata grade-all --submissions=$(SUBMISSIONS) --out=$(or $(OUT),gradebook.csv)

check: $(VENV)/.dev-installed
	$(PY) -m ruff check kata tests solutions grader_tests bench conftest.py
	$(PY) -m pytest -q -p no:cacheprovider grader_tests

bench: $(VENV)/.installed
	$(PY) bench/grade_speed.py
	$(PY) bench/grade_all_speed.py --copies 100 --sample 10

clean:
	rm -rf $(VENV) results.json

# The RNN basics kata. `make test` is all a learner needs: it sets everything up first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
IMPL ?= exercises
RESULTS ?= results.json
FORMAT ?= gradescope
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install test grade check lint bench clean

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

check: $(VENV)/.dev-installed
	$(PY) -m ruff check kata tests solutions grader_tests bench conftest.py
	$(PY) -m pytest -q -p no:cacheprovider grader_tests

bench: $(VENV)/.installed
	$(PY) bench/grade_speed.py

clean:
	rm -rf $(VENV) results.json

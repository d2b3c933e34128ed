# Two entry points: `make demo` (the main job on the default scenario) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint venv clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev,peers,store,sim,report,web,webtest,browser,frames]"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/detente analyze hanoi-2019 --samples 1000
	$(BIN)/detente report hanoi-2019 -o report.html --png artifacts/figures

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/pytest
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir $(VENV)/site

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache site

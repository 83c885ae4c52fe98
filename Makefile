# Two commands for a new user: `make demo` and `make test`.
# Both create (or update) the virtual environment in .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint,dask,html,warc]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsdiff report seeds/*.txt -o newsdiff-report.html
	@echo "Open newsdiff-report.html in a browser (it needs no network)."

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench,dask]'
	touch $@

# Benchmarks are measurements, not tests: run them on a quiet machine.
bench: $(VENV)/.bench-installed
	$(BIN)/python benchmarks/bench_segment.py
	$(BIN)/python benchmarks/bench_seeds.py
	$(BIN)/python benchmarks/bench_accuracy.py
	$(BIN)/python benchmarks/bench_align.py
	$(BIN)/python benchmarks/bench_pan.py
	$(BIN)/python benchmarks/calibrate_derive.py
	$(BIN)/python benchmarks/bench_index.py
	$(BIN)/python benchmarks/bench_dask.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis

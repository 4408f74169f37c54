# Everything a fresh machine needs: `make demo` and `make test` create .venv and install first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck pytest run upgrade sweep clean bench

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11+ is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/oppfolging demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Bytecode is cached even where PYTHONDONTWRITEBYTECODE is set (as on the development machines): otherwise every
# xdist worker and every CLI test's subprocess compiles the product, and pytest rewrites every test, again.
pytest: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest

test: lint typecheck pytest

# Not part of `make test`: timings. BENCH_ARGS e.g. "--big --fanout-n 2000 10000"; PostgreSQL with TEST_DATABASE_URL.
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

run: $(STAMP)
	$(BIN)/oppfolging serve

upgrade: $(STAMP)
	$(BIN)/oppfolging db upgrade

sweep: $(STAMP)
	$(BIN)/oppfolging sweep

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache

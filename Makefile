# The two commands a new user needs: `make demo` and `make test`.
# Both create the virtual environment and install the project first.

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
NEO4J_PORT ?= 7687
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install demo test lint neo4j bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "cobuild needs $(PYTHON) (set PYTHON=… to another 3.11+ interpreter)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/cobuild demo $(if $(STORE),--store $(STORE)) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

neo4j: install
	$(BIN)/python tools/local_neo4j.py --port $(NEO4J_PORT)

clean:
	rm -rf $(VENV) var/cobuild.db* .pytest_cache .ruff_cache

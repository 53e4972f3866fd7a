# Passerelle: the two commands of the README, and the ones around them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_HOME ?= .demo

.PHONY: demo test system-deps venv lint unit integration ui translations screenshots bench clean package package-test faults

# Two hospitals on this machine (CHU de Liège -> CHR Citadelle, a PACS each), three studies, three endings.
# With a display the receiving site's window opens on the waiting case; without one the story is told in
# the terminal and the command exits 0 at the end. Running it again starts the story afresh in $(DEMO_HOME).
demo: system-deps $(STAMP) translations
	$(BIN)/passerelle demo --home $(DEMO_HOME) $(if $(DISPLAY)$(WAYLAND_DISPLAY),,--headless)

test: system-deps $(STAMP) translations lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests

system-deps:
	./packaging/system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dev]'
	touch $(STAMP)

venv: $(STAMP)

translations: $(STAMP)
	$(BIN)/python -m ui.i18n compile

lint: $(STAMP)
	$(BIN)/ruff check appliance ui
	$(BIN)/mypy
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/python -m pytest -q tests/unit

integration: system-deps $(STAMP)
	$(BIN)/python -m pytest -q tests/integration

screenshots: system-deps $(STAMP) translations
	$(BIN)/python docs/screenshots/take.py

bench: system-deps $(STAMP)
	$(BIN)/pip install -q -e '.[test,dev,bench]'
	$(BIN)/python benchmarks/ingest.py

package: system-deps $(STAMP) translations
	./packaging/build.sh

package-test: system-deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/packaging

faults: system-deps $(STAMP)
	PASSERELLE_FAULTS=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/faults

clean:
	rm -rf $(VENV) $(DEMO_HOME) build dist

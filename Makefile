# whosaid: the two set-up commands of README.md are `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test install install-test browser lint clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install -q -e .

install-test: $(BIN)/python browser
	$(BIN)/python -m pip install -q -e '.[test]'

## browser: Debian's Chromium for the end-to-end web tests (pytest skips them when it is missing)
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
	      || echo "warning: could not install chromium: the browser tests will be skipped"; \
	  else \
	    echo "note: /usr/bin/chromium is missing (install it as root: apt-get install -y chromium);" \
	         "the browser tests will be skipped"; \
	  fi; \
	fi

## demo: install into .venv, analyze the bundled examples, fill the default store
demo: install
	$(BIN)/whosaid ingest examples/ --db whosaid.db
	$(BIN)/whosaid analyze examples/ --format text
	$(BIN)/whosaid people --db whosaid.db --limit 10
	@echo ""
	@echo "Browse it: run  $(BIN)/whosaid serve  and open http://127.0.0.1:8000"

## lint: ruff (lint) and mypy over the package
lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src

## test: install with the test extras, lint, and run the whole test suite
test: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy src
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache

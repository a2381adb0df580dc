# oped-analysis: every target sets up what it needs in a local virtual environment.
#   make book   build the Jupyter Book into _build/html (executes every notebook)
#   make test   ruff, then unit tests + nbval over the notebooks
#   make lab    JupyterLab on notebooks/ with the project's kernel
#   make check-book  build the book, then open every page in headless Chromium (installs it if missing)
PYTHON ?= python3
LAB_ARGS ?=
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# JupyterLab refuses to run as root unless told (containers often are root).
LAB_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-dev

.PHONY: book test lab check-book bench clean setup

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# build matplotlib's font cache now: its first-run notice on stderr would fail the book and nbval
	$(BIN)/python -c "import matplotlib.pyplot" 2>/dev/null
	touch $@

book: $(STAMP)
	rm -rf _build/html _build/.doctrees _build/jupyter_execute
	$(BIN)/jupyter-book build --all -W -n --keep-going --path-output . .

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest tests notebooks --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg

lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (oped-analysis)" >/dev/null
	$(BIN)/jupyter lab notebooks/ $(LAB_ROOT) $(LAB_ARGS)

check-book: book
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		{ echo "installing the Debian package chromium for the render check"; \
		  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }
	$(BIN)/python -m pytest -v tests/test_book_render.py
	@echo "screenshots: _build/screenshots/index.png _build/screenshots/comparison.png"

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf _build .pytest_cache .hypothesis

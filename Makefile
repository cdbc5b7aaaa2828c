# Two commands matter on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# In development SITE_URL follows PORT (config/settings.py), so links in mails and the API name this server.
DEV := DEBUG=1 PORT=$(PORT)
MANAGE := $(BIN)/python manage.py

.PHONY: install install-dev run serve test test-fast test-js lint fmt migrations-check messages compilemessages \
        check-deploy ci bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Installs are pinned by constraints.txt; a stamp file skips the work when nothing changed.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

# The scanner page and the back office's language tabs (jQuery UI) serve their browser libraries themselves (no CDN): npm installs them exactly as package-lock.json
# says, and their browser builds are copied into static/vendor/ (git-ignored). Skipped when there is no package.json.
VENDOR := static/vendor
$(VENDOR)/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/jsqr/dist/jsQR.js $(VENDOR)/jsQR.js
	cp node_modules/@noble/ed25519/index.js $(VENDOR)/noble-ed25519.js
	cp node_modules/jquery-ui/dist/jquery-ui.min.js $(VENDOR)/jquery-ui.min.js
	touch $@

install: $(VENV)/.installed $(if $(wildcard package.json),$(VENDOR)/.installed)
install-dev: $(VENV)/.installed-dev

compilemessages: install
	$(DEV) $(MANAGE) compilemessages --ignore=.venv -v0

run: install compilemessages
	mkdir -p var
	$(DEV) $(MANAGE) migrate --no-input -v0
	$(DEV) $(MANAGE) load_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (French /fr/, Dutch /nl/, English /en/); back office at /admin/"
	$(DEV) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install-dev compilemessages test-js
	$(BIN)/pytest $(PYTEST_ARGS)

# The scanner's offline verdict against the same test vectors as the server's (tests/checkin/verdict_vectors.json).
test-js:
	node --test tests/js/

# The inner loop: no browser, no PostgreSQL-only tests, on SQLite whatever DATABASE_URL says.
test-fast: install-dev compilemessages
	env -u DATABASE_URL $(BIN)/pytest -m "not browser and not postgres" $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

fmt: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: install
	$(DEV) $(MANAGE) makemigrations --check --dry-run

# Extract every translatable string into the .po files, one line per entry (msgmerge wraps the source
# references; msgcat unwraps them); English copies its msgids so no string is empty.
messages: install
	$(DEV) $(MANAGE) makemessages -l fr -l nl -l en --no-wrap --ignore=.venv --ignore=var --ignore=node_modules --no-obsolete
	for po in locale/fr/LC_MESSAGES/django.po locale/nl/LC_MESSAGES/django.po; do msgcat --no-wrap --width=100000 -o $$po $$po; done
	msgen --no-wrap -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po

# A production-like run on this machine: gunicorn, DEBUG off, PostgreSQL, hashed static files via whitenoise,
# Redis when REDIS_URL is set. Plain HTTP on loopback, so HTTPS redirects and secure-only cookies are off here.
SERVE_DB ?= printemps
# A ticket signing key: an Ed25519 seed, base64 of 32 random bytes (TICKET_SIGNING_KEY in README.md).
NEW_TICKET_KEY := import base64, os; print(base64.b64encode(os.urandom(32)).decode())
serve: install compilemessages
	@psql -h 127.0.0.1 -U postgres -lqt | cut -d '|' -f1 | grep -qw $(SERVE_DB) || \
	  psql -h 127.0.0.1 -U postgres -q -c "CREATE DATABASE $(SERVE_DB);"
	mkdir -p var
	@test -s var/serve-secret-key || $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/serve-secret-key
	@test -s var/serve-ticket-key || $(BIN)/python -c "$(NEW_TICKET_KEY)" > var/serve-ticket-key
	export DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat var/serve-secret-key)}" \
	  TICKET_SIGNING_KEY="$${TICKET_SIGNING_KEY:-$$(cat var/serve-ticket-key)}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	  DATABASE_URL="$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/$(SERVE_DB)}" \
	  SECURE_SSL_REDIRECT=0 COOKIES_SECURE=0 BEHIND_PROXY=0 PORT=$(PORT); \
	$(MANAGE) migrate --no-input -v0 && \
	$(MANAGE) collectstatic --no-input -v0 && \
	$(MANAGE) load_demo --no-account && \
	exec $(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi

check-deploy: install
	DEBUG=0 SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-production-like-secret-key \
	  TICKET_SIGNING_KEY="$$($(BIN)/python -c "$(NEW_TICKET_KEY)")" \
	  ALLOWED_HOSTS=printemps.example.org $(MANAGE) check --deploy --fail-level WARNING

ci: lint migrations-check check-deploy test

# Load benchmarks (never part of `make test`): a fresh PostgreSQL database (pn_bench), Redis db 3, gunicorn as
# `make serve` on port 8110, the scenarios, figures in BENCHMARKS.md. BENCH_ARGS="--quick" for a small run;
# BENCH_ARGS="--only crowd" (or rescan, cold) for one of issue 22's scenarios alone, figures printed.
bench: install-dev compilemessages
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/static $(VENDOR) node_modules

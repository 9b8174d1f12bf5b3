# The two commands of the README: `make run` and `make test`.
# Everything else is a step of those two. Uses the default ./target (debug only).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
SESSION := scripts/desktop-session.sh
APP := $(or $(CARGO_TARGET_DIR),target)/debug/postdesk

# make release builds here, apart from ./target: its own profile settings (POSTDESK_BUNDLE,
# stripped symbols) never invalidate the debug build or the benches' release build.
DIST := $(CURDIR)/target/dist
DEBUG_DEBS := $(or $(CARGO_TARGET_DIR),target)/debug/bundle/deb

.PHONY: run test setup ui app app-e2e test-rust test-ui test-e2e test-install release clean-artifacts

## Build everything and open the Postdesk window.
run: setup ui app
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  exec $(APP); \
	else \
	  echo "make run: no DISPLAY (no desktop here). Starting Postdesk on a virtual X display"; \
	  echo "  (Xvfb) with a throwaway keychain; nothing will be visible. Stop it with Ctrl-C."; \
	  exec $(SESSION) $(APP); \
	fi

## Rust tests, UI tests, then the end-to-end tests on the real window.
test: setup ui test-rust test-ui test-e2e test-install

setup:
	scripts/setup.sh

## ui/dist: the web part, embedded into the app binary at build time.
ui:
	@[ -f ui/package.json ] || { echo "ui/package.json missing: the web UI is not in this checkout" >&2; exit 1; }
	npm --prefix ui run build

app:
	$(CARGO) build -p postdesk

# The e2e feature adds the test-only `e2e_drop` command; only postdesk itself is rebuilt.
app-e2e:
	$(CARGO) build -p postdesk --features e2e

# Inside a desktop session so keyring tests meet a real Secret Service.
test-rust:
	CARGO=$(CARGO) scripts/test-rust.sh

test-ui:
	npm --prefix ui test

test-e2e: app-e2e
	$(SESSION) $(CARGO) test -p postdesk-e2e -- --test-threads=1

# The install test: a .deb of the debug build (the release build would add ~20 min to
# CI; the package's layout is the same), installed with dpkg, used, upgraded, removed.
test-install:
	$(CARGO) build -p postdesk -p postdesk-cli
	scripts/bundle.sh --debug deb
	$(SESSION) scripts/test-install.sh $(DEBUG_DEBS)/Postdesk_*_amd64.deb

## The installable packages: release build, then .deb and .rpm in target/dist/release/bundle/.
release: setup ui
	CARGO_TARGET_DIR=$(DIST) POSTDESK_BUNDLE=1 CARGO_PROFILE_RELEASE_STRIP=symbols \
	  $(CARGO) build --release --locked -p postdesk -p postdesk-cli
	CARGO_TARGET_DIR=$(DIST) scripts/bundle.sh

clean-artifacts:
	rm -rf artifacts

# Every target runs with the project's own Node and pnpm first on PATH (see scripts/toolchain.sh).
SHELL := bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := help
export PATH := $(CURDIR)/.tools/bin:$(PATH)
export NEXT_TELEMETRY_DISABLED := 1
export SST_TELEMETRY_DISABLED := 1

STAMP := node_modules/.setup-stamp

.PHONY: help setup install hooks up test test-unit test-integration quality format bench clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{ printf "  %-22s %s\n", $$1, $$2 }'

setup: $(STAMP) hooks ## Install Node 24 when needed, the dependencies and the git hooks (idempotent).

$(STAMP): package.json pnpm-lock.yaml pnpm-workspace.yaml */package.json packages/*/package.json scripts/toolchain.sh
	@bash scripts/toolchain.sh
	pnpm install --frozen-lockfile
	@touch $@

install: ## Re-resolve dependencies after editing a package.json.
	@bash scripts/toolchain.sh
	pnpm install

hooks:
	@if [ -d .git ]; then git config core.hooksPath .githooks; fi

up: setup ## Run the platform on this machine: train a model if none, watch data/input, serve the site.
	pnpm churn up

test: setup ## Run every test: unit, integration (PGlite, PostgreSQL, browser) and conformance.
	pnpm test

test-unit: setup ## Run the unit tests only.
	pnpm test:unit

test-integration: setup ## Run the integration tests only.
	pnpm test:integration

quality: setup ## Check formatting, lint and types.
	pnpm lint
	pnpm typecheck

format: setup ## Format every file in place.
	pnpm format

clean: ## Remove installed dependencies, the local toolchain and local state.
	rm -rf node_modules */node_modules packages/*/node_modules .tools .churn

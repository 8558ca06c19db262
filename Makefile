# Every target runs with the project's own Node and pnpm first on PATH (see scripts/toolchain.sh).
SHELL := bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := help
export PATH := $(CURDIR)/.tools/bin:$(PATH)
export NEXT_TELEMETRY_DISABLED := 1
export SST_TELEMETRY_DISABLED := 1

STAMP := node_modules/.setup-stamp

.PHONY: help setup install hooks up process simulate test test-unit test-integration quality format bench clean
.PHONY: infra-check sst-platform deploy remove outputs register-model simulate-file-drops

# Stage targets: make deploy STAGE=dev; ALIAS is the alias a registered model serves under.
ALIAS ?= staging
require-stage = @test -n "$(STAGE)" || { echo "make $@: name a stage, e.g. make $@ STAGE=dev" >&2; exit 2; }
stage-outputs = node packages/functions/src/deploy/main.ts outputs --stage "$(STAGE)"

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

process: setup ## Run FILES="a.csv b.csv" through the pipeline on this machine and print a summary per run.
	pnpm churn process $(FILES)

simulate: setup ## Drop the demo files (or FILES) into the local data/input/ one by one, every INTERVAL (30s).
	pnpm churn simulate --interval $(or $(INTERVAL),30s) $(FILES)

test: setup sst-platform ## Run every test: unit, integration (PGlite, PostgreSQL, browser) and conformance.
	pnpm test

test-unit: setup ## Run the unit tests only.
	pnpm test:unit

test-integration: setup sst-platform ## Run the integration tests only.
	pnpm test:integration

quality: setup ## Check formatting, lint and types.
	pnpm lint
	pnpm typecheck
	bash scripts/sst-offline.sh

infra-check: setup ## Type-check sst.config.ts and stacks/ against SST's platform, installed offline.
	bash scripts/sst-offline.sh

sst-platform: setup
	@bash scripts/sst-offline.sh install

deploy: setup ## Deploy a stage to AWS: make deploy STAGE=dev (see docs/deploy.md).
	$(require-stage)
	pnpm exec sst deploy --stage "$(STAGE)"

remove: setup ## Remove a stage from AWS: make remove STAGE=dev (production keeps its data).
	$(require-stage)
	node packages/functions/src/deploy/main.ts remove-serving --stage "$(STAGE)"
	pnpm exec sst remove --stage "$(STAGE)"

outputs: setup ## Print a deployed stage's bucket, site, endpoint and state machine.
	$(require-stage)
	$(stage-outputs)

# register-model without STAGE trains on DATA, by default the generated training file that
# `churn up` trains on (written into .churn/demo/ when missing), and registers it under ALIAS.
demo-training-file = node --input-type=module -e 'import { demoFiles } from "./packages/functions/src/runner/demo-files.ts"; import { localPaths } from "./packages/functions/src/runner/local-environment.ts"; console.log((await demoFiles(localPaths(process.cwd(), process.env))).training);'

register-model: setup ## Train on DATA [TRIALS=n] and register it as ALIAS; STAGE=dev [VERSION=v3]: serve a local version on a stage.
	if [ -z "$(STAGE)" ]; then \
	  data="$(DATA)"; data="$${data:-$$($(demo-training-file))}"; \
	  pnpm churn train --data "$$data" $(if $(TRIALS),--trials "$(TRIALS)") --promote "$(ALIAS)"; \
	else \
	  version="$${VERSION:-$$(node packages/functions/src/deploy/main.ts local-version --alias "$(ALIAS)")}"; \
	  pnpm churn model promote "$$version" --alias "$(ALIAS)" --stage "$(STAGE)"; \
	fi

simulate-file-drops: setup ## Drop the demo files into a deployed stage's bucket, one by one.
	$(require-stage)
	bucket="$$($(stage-outputs) --field bucketName)"; pnpm churn simulate --stage "$$bucket"

format: setup ## Format every file in place.
	pnpm format

clean: ## Remove installed dependencies, the local toolchain and local state.
	rm -rf node_modules */node_modules packages/*/node_modules .tools .churn

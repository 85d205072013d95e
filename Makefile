# hoop-operator: the two commands a newcomer needs are `make run` and `make test`; `make help` lists the rest.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

DOTNET ?= dotnet
CONFIGURATION ?= Release
PREFIX ?= /usr/local
SOLUTION := Operator.sln
# Framework-dependent executables `make build` puts in bin/: hoop-operator, hoop-gateway, kubectl-hoop, hoop-localkube.
EXECUTABLES := operator/Hoop.Operator gateway-sidecar/Hoop.Gateway operator/Hoop.Kubectl tools/Hoop.LocalKube

.PHONY: help deps build install test run manifests bench lint clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-10s %s\n", $$1, $$2}'

deps: ## Install the real servers and clients the tests and `make run` use (Debian packages)
	@bash scripts/install-deps.sh

build: ## Build the solution; executables into bin/
	$(DOTNET) build $(SOLUTION) -c $(CONFIGURATION)
	@for project in $(EXECUTABLES); do \
	  $(DOTNET) publish $$project -c $(CONFIGURATION) --no-self-contained -o bin -v quiet -p:GenerateDocumentationFile=false; \
	done
	@echo "build: bin/ has hoop-operator, hoop-gateway, kubectl-hoop, hoop-localkube"

install: build ## Put kubectl-hoop on PATH under PREFIX (/usr/local), so `kubectl hoop ...` works, with kubectl's completion
	install -d $(PREFIX)/lib/hoop-operator $(PREFIX)/bin
	cp -R bin/. $(PREFIX)/lib/hoop-operator/
	ln -sf $(PREFIX)/lib/hoop-operator/kubectl-hoop $(PREFIX)/bin/kubectl-hoop
	$(PREFIX)/bin/kubectl-hoop completion kubectl-plugin > $(PREFIX)/bin/kubectl_complete-hoop
	chmod 755 $(PREFIX)/bin/kubectl_complete-hoop
	@echo "install: kubectl-hoop and kubectl_complete-hoop are in $(PREFIX)/bin; try: kubectl hoop version"

test: deps ## Run every test, against real PostgreSQL, MariaDB and OpenSSH servers
	$(DOTNET) test --solution $(SOLUTION)

run: deps build ## Run the walkthrough: LocalKube, PostgreSQL, the operator and a gateway on this machine (Ctrl-C stops it)
	@bash scripts/run.sh

manifests: ## Regenerate crds/ (and the chart's copy) and docs/api.md from the API types in operator/Hoop.Api
	$(DOTNET) run --project tools/Hoop.Manifests -c $(CONFIGURATION) -- --crds crds --docs docs/api.md
	cp crds/hoop.dev_*.yaml charts/hoop/crds/

bench: ## Run the benchmarks in bench/ (each prints figures measured side by side in one run)
	@status=0; \
	$(DOTNET) run --project bench/PolicyEngine -c Release || status=1; \
	$(DOTNET) run --project bench/LocalKubeWatch -c $(CONFIGURATION) || status=1; \
	$(DOTNET) run --project bench/OperatorRestart -c $(CONFIGURATION) || status=1; \
	bash bench/pg-gateway.sh || status=1; \
	exit $$status

lint: ## Check formatting and code style (what the build enforces, plus whitespace)
	$(DOTNET) format $(SOLUTION) --verify-no-changes

clean: ## Remove build output
	rm -rf bin
	find . -type d \( -name bin -o -name obj \) -path '*/Hoop.*' -prune -exec rm -rf {} +

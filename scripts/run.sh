#!/usr/bin/env bash
# `make run`: the whole story on this machine. Starts hoop-localkube (a local Kubernetes API server) with tokens for
# alice (an engineer), bob and carol (dba-leads) and dave (no rights), a local PostgreSQL with a demo `orders` database,
# applies crds/ and samples/ (the sample Connection payments/orders-db pointed at the local database), runs hoop-operator
# and a hoop-gateway for that Connection, and prints a walkthrough to copy and paste into two terminals. Ctrl-C stops
# everything it started and removes its temporary directory.
#
# Usage: scripts/run.sh   (HOOP_BIN=DIR takes the executables from DIR instead of bin/, which `make build` fills)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
readonly HOOP_BIN=${HOOP_BIN:-$PWD/bin}
readonly STACK_NAME=run NAMESPACE=payments CONNECTION=orders-db DATABASE=orders

# The people of the walkthrough: static tokens LocalKube accepts (kube-apiserver's token CSV format).
token() { echo "$1-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"; }
ADMIN_TOKEN=$(token admin) ALICE_TOKEN=$(token alice) BOB_TOKEN=$(token bob) CAROL_TOKEN=$(token carol) DAVE_TOKEN=$(token dave)
readonly ADMIN_TOKEN ALICE_TOKEN BOB_TOKEN CAROL_TOKEN DAVE_TOKEN

# shellcheck source=lib/local-stack.sh
source scripts/lib/local-stack.sh

check_prerequisites() {
  local missing=() tool exe
  for tool in kubectl psql curl setpriv; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  [[ -x $PG_BIN/postgres ]] || missing+=("$PG_BIN/postgres")
  for exe in hoop-localkube hoop-operator hoop-gateway kubectl-hoop; do
    [[ -x $HOOP_BIN/$exe ]] || missing+=("$HOOP_BIN/$exe")
  done
  ((${#missing[@]} == 0)) || die "missing ${missing[*]}; \`make run\` installs PostgreSQL and builds the executables"
}

# The demo database: orders with customers' emails, users with SSNs -- what the sample Connection masks.
prepare_postgres() {
  start_postgres
  pg_admin postgres -c "CREATE DATABASE $DATABASE" >/dev/null
  pg_admin "$DATABASE" >/dev/null <<'SQL' || die "could not create the demo database" "$work/postgres/server.log"
CREATE TABLE users (id int PRIMARY KEY, name text NOT NULL, email text NOT NULL, ssn text);
INSERT INTO users VALUES (1, 'Alice Martin', 'alice.martin@example.com', '123-45-6789'),
                         (2, 'Bruno Diaz', 'bruno.diaz@example.com', '987-65-4321');
CREATE TABLE orders (id int PRIMARY KEY, user_id int NOT NULL REFERENCES users, email text NOT NULL, total numeric(10,2) NOT NULL);
INSERT INTO orders VALUES (1001, 1, 'alice.martin@example.com', 42.50), (1002, 2, 'bruno.diaz@example.com', 7.25),
                          (1003, 1, 'alice.martin@example.com', 19.99);
SQL
}

write_tokens() {
  printf '%s\n' \
    "$ADMIN_TOKEN,admin,uid-admin,\"system:masters\"" \
    "$ALICE_TOKEN,alice,uid-alice,\"developers\"" \
    "$BOB_TOKEN,bob,uid-bob,\"dba-leads,reviewers\"" \
    "$CAROL_TOKEN,carol,uid-carol,\"dba-leads,reviewers\"" \
    "$DAVE_TOKEN,dave,uid-dave,\"contractors\"" >"$work/tokens.csv"
}

# crds/, the RBAC of an installation, samples/ (but its AccessRequests); then the sample Connection aimed at the local database (no TLS, the
# Kubernetes token login only: the sample's OIDC issuer does not exist here) and its credentials.
apply_manifests() {
  log "applying crds/, RBAC and samples/; pointing $NAMESPACE/$CONNECTION at the local database"
  {
    kubectl_admin apply -f crds/
    kubectl_admin create namespace "$NAMESPACE"
    rbac_manifest | kubectl_admin apply -f -
    # The sample AccessRequests would wait beside the walkthrough's own; the rest of samples/ is applied as it is.
    find samples -name '*.yaml' ! -name '*accessrequest*' -printf '-f\n%p\n' | xargs -d '\n' kubectl --kubeconfig "$admin_kubeconfig" apply
    kubectl_admin patch secret orders-db-credentials -n "$NAMESPACE" --type=merge \
      -p "{\"stringData\":{\"username\":\"postgres\",\"password\":\"$pg_password\"}}"
    kubectl_admin patch connection "$CONNECTION" -n "$NAMESPACE" --type=json -p "[
      {\"op\":\"replace\",\"path\":\"/spec/target\",\"value\":{\"host\":\"127.0.0.1\",\"port\":$pg_port,\"database\":\"$DATABASE\",\"tls\":{\"mode\":\"Disable\"}}},
      {\"op\":\"replace\",\"path\":\"/spec/authentication\",\"value\":{\"kubernetes\":{}}}]"
  } >"$work/kubectl-apply.log" 2>&1 || die "kubectl apply failed" "$work/kubectl-apply.log"
}

# What a newcomer pastes. Every command line stands alone (its own --kubeconfig), so it can be run in any order of
# terminals; `source` gives a shell PATH with kubectl-hoop and HOOP_RUN.
print_walkthrough() {
  local env=$work/env endpoint=127.0.0.1:$gateway_port
  printf 'export HOOP_RUN=%q\nexport PATH=%q:"$PATH"\n' "$work" "$HOOP_BIN" >"$env"
  for person in alice bob carol dave; do
    local upper=${person^^}_TOKEN
    kubeconfig_for "$person" "${!upper}" >/dev/null
  done
  cat <<EOF

hoop-operator is running on this machine: LocalKube, PostgreSQL (database $DATABASE), the operator and a gateway for
Connection $NAMESPACE/$CONNECTION at $endpoint, masking and recording on. Policy: samples/ (reads flow; DDL needs two
approvals from dba-leads and a reason). Open two terminals and in each run first:

  \$ source $env

Terminal A -- alice, an engineer. Reads run at once, emails and SSNs masked:

  \$ kubectl hoop connect $CONNECTION -n $NAMESPACE --endpoint $endpoint --kubeconfig \$HOOP_RUN/kubeconfig-alice -- -c "SELECT o.id, o.email, o.total, u.ssn FROM orders o JOIN users u ON u.id = o.user_id ORDER BY o.id"

  A schema change is held: psql prints NOTICE approval required: kubectl hoop approve ar-... and waits.

  \$ kubectl hoop connect $CONNECTION -n $NAMESPACE --endpoint $endpoint --kubeconfig \$HOOP_RUN/kubeconfig-alice --reason "FIN-12: ship dates" -- -c "ALTER TABLE orders ADD COLUMN shipped_at timestamptz"

Terminal B -- bob and carol, dba-leads. See what waits, then approve it, one after the other:

  \$ kubectl hoop list --pending -n $NAMESPACE --kubeconfig \$HOOP_RUN/kubeconfig-bob
  \$ kubectl hoop approve \$(kubectl get accessrequests -n $NAMESPACE --kubeconfig \$HOOP_RUN/kubeconfig-bob -o jsonpath='{.items[?(@.status.phase=="Pending")].metadata.name}') -n $NAMESPACE --kubeconfig \$HOOP_RUN/kubeconfig-bob --comment "reviewed the migration"
  \$ kubectl hoop approve \$(kubectl get accessrequests -n $NAMESPACE --kubeconfig \$HOOP_RUN/kubeconfig-carol -o jsonpath='{.items[?(@.status.phase=="Pending")].metadata.name}') -n $NAMESPACE --kubeconfig \$HOOP_RUN/kubeconfig-carol

  In terminal A the statement runs the moment carol approves: psql prints ALTER TABLE.

Terminal A -- the session as an auditor sees it, and proof it was not tampered with:

  \$ kubectl hoop replay \$(ls -t \$HOOP_RUN/recordings/*.jsonl | head -n 1)
  \$ kubectl hoop verify \$(ls -t \$HOOP_RUN/recordings/*.jsonl | head -n 1) --connection $CONNECTION -n $NAMESPACE --kubeconfig \$HOOP_RUN/kubeconfig-admin

Also try: alice approving her own request, or dave approving anything (both refused); kubectl hoop describe NAME.
Logs: \$HOOP_RUN/*.log. Press Ctrl-C here to stop everything.
EOF
  echo "walkthrough ready"
}

main() {
  check_prerequisites
  prepare_postgres
  write_tokens
  start_localkube
  apply_manifests
  start_operator
  start_gateway
  print_walkthrough
  # Until Ctrl-C (or SIGTERM): the trap stops everything started above.
  while true; do
    local pid
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || die "a process of the stack exited (pid $pid); see the logs in $work" "$work/gateway.log"
    done
    sleep 1
  done
}

main "$@"

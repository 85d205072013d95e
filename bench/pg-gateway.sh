#!/usr/bin/env bash
# pgbench against PostgreSQL three ways in one run -- direct, through pgbouncer (session mode) and through hoop-gateway
# with its policy, masking and recording on -- then the time from a held statement's last approval to its completion.
#
# Everything is a real process a user would run (bin/hoop-localkube, bin/hoop-operator, bin/hoop-gateway, postgres,
# pgbouncer, kubectl, psql, pgbench), on 127.0.0.1 with free ports, in one temporary directory removed on exit.
# The last three lines are always:
#   ratio gateway/direct: X.XX
#   ratio gateway/pgbouncer: X.XX
#   approval-to-execution p50 ms: N
# Goals: the gateway's select-only TPS at least pgbouncer's; approval-to-execution p50 under 250 ms. Exits 1 when one
# is missed, 2 when the bench itself could not run.
#
# Usage: bench/pg-gateway.sh   (BENCH_SECONDS=15 per pgbench run, BENCH_SCALE=10, BENCH_APPROVALS=5; BENCH_SKIP_BUILD=1
# uses the executables already in bin/)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
readonly PGBOUNCER=${PGBOUNCER:-/usr/sbin/pgbouncer}
readonly SECONDS_PER_RUN=${BENCH_SECONDS:-15}
readonly WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-3}
readonly SCALE=${BENCH_SCALE:-10}
readonly APPROVALS=${BENCH_APPROVALS:-5}
readonly CLIENTS=8 THREADS=2
readonly NAMESPACE=payments CONNECTION=orders-db DATABASE=bench
readonly GOAL_APPROVAL_MS=250

# The people of the run: static tokens LocalKube accepts (kube-apiserver's token CSV format).
readonly ADMIN_TOKEN=bench-admin-$RANDOM$RANDOM ALICE_TOKEN=bench-alice-$RANDOM$RANDOM
readonly BOB_TOKEN=bench-bob-$RANDOM$RANDOM CAROL_TOKEN=bench-carol-$RANDOM$RANDOM

readonly STACK_NAME=pg-gateway
# shellcheck source=../scripts/lib/local-stack.sh
source scripts/lib/local-stack.sh
pgbouncer_pid="" gateway_pid=""  # the two proxies, whose CPU time the throughput runs read

now_ms() { echo $(($(date +%s%N) / 1000000)); }

check_prerequisites() {
  local missing=()
  local tool
  for tool in dotnet kubectl psql pgbench curl setpriv; do
    command -v "$tool" >/dev/null || missing+=("$tool")
  done
  [[ -x $PG_BIN/postgres ]] || missing+=("$PG_BIN/postgres")
  [[ -x $PGBOUNCER ]] || missing+=("$PGBOUNCER")
  if ((${#missing[@]})); then
    die "missing ${missing[*]}; \`make deps\` installs PostgreSQL 15 and pgbouncer"
  fi
}

build() {
  if [[ ${BENCH_SKIP_BUILD:-} == 1 ]]; then
    log "BENCH_SKIP_BUILD=1: using the executables already in bin/"
  else
    log "building (make build)"
    make --no-print-directory build >"$work/build.log" 2>&1 || die "make build failed" "$work/build.log"
  fi
  local exe
  for exe in hoop-localkube hoop-operator hoop-gateway; do
    [[ -x bin/$exe ]] || die "bin/$exe is missing; run \`make build\`"
  done
}

# The bench database, initialised by pgbench; durability off: the three targets share this one server, and the bench
# measures what sits in front of it.
prepare_postgres() {
  start_postgres fsync=off synchronous_commit=off full_page_writes=off
  pg_admin postgres -c "CREATE DATABASE $DATABASE" >/dev/null || die "could not create database $DATABASE" "$work/postgres/server.log"
  log "pgbench -i -s $SCALE"
  PGPASSWORD=$pg_password pgbench -i -s "$SCALE" -q -h 127.0.0.1 -p "$pg_port" -U postgres "$DATABASE" \
    >"$work/pgbench-init.log" 2>&1 || die "pgbench -i failed" "$work/pgbench-init.log"
}

start_pgbouncer() {
  pgbouncer_port=$(free_port)
  local dir=$work/pgbouncer
  postgres_dir "$dir"
  # Clients are trusted (bench only); pgbouncer logs in to PostgreSQL with the password from the userlist (SCRAM).
  printf '"postgres" "%s"\n' "$pg_password" >"$dir/userlist.txt"
  cat >"$dir/pgbouncer.ini" <<EOF
[databases]
$DATABASE = host=127.0.0.1 port=$pg_port dbname=$DATABASE

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $pgbouncer_port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = session
max_client_conn = 100
default_pool_size = 20
logfile = $dir/pgbouncer.log
EOF
  if ((EUID == 0)); then chown postgres:postgres "$dir"/*; fi
  log "starting pgbouncer (session mode) on 127.0.0.1:$pgbouncer_port"
  "${as_postgres[@]}" "$PGBOUNCER" "$dir/pgbouncer.ini" >"$work/pgbouncer.out" 2>&1 &
  pids+=($!)
  pgbouncer_pid=$!
  wait_until 30 "pgbouncer accepting connections" "$work/pgbouncer.out" $! \
    psql -qX -h 127.0.0.1 -p "$pgbouncer_port" -U postgres -d "$DATABASE" -c "SELECT 1"
}

# The people of the run, for LocalKube.
write_tokens() {
  printf '%s\n' \
    "$ADMIN_TOKEN,admin,uid-admin,\"system:masters\"" \
    "$ALICE_TOKEN,alice,uid-alice,\"developers\"" \
    "$BOB_TOKEN,bob,uid-bob,\"dba-leads,reviewers\"" \
    "$CAROL_TOKEN,carol,uid-carol,\"dba-leads,reviewers\"" >"$work/tokens.csv"
}

# The Connection in front of the bench database, masking on, and a policy under which pgbench runs without approvals
# (reads, and writes to the pgbench tables) while DDL waits for two dba-leads.
connection_manifest() {
  cat <<EOF
apiVersion: v1
kind: Secret
metadata: {name: orders-db-credentials, namespace: $NAMESPACE}
stringData:
  username: postgres
  password: "$pg_password"
---
apiVersion: hoop.dev/v1alpha1
kind: Connection
metadata:
  name: $CONNECTION
  namespace: $NAMESPACE
  labels: {hoop.dev/environment: bench}
spec:
  type: postgres
  target:
    host: 127.0.0.1
    port: $pg_port
    database: $DATABASE
    tls: {mode: Disable}
  credentialsSecretRef: {name: orders-db-credentials}
  authentication:
    kubernetes: {}
  masking:
    columns:
    - {pattern: email, strategy: partial}
---
apiVersion: hoop.dev/v1alpha1
kind: ApprovalPolicy
metadata: {name: bench, namespace: $NAMESPACE}
spec:
  connections: [$CONNECTION]
  rules:
  - name: reads
    match: {sql: {kinds: [read, transaction, session]}}
    action: Allow
  - name: pgbench-writes
    match: {sql: {kinds: [write], tables: ["pgbench_*"]}}
    action: Allow
  - name: schema-changes
    match: {sql: {kinds: [ddl]}}
    action: RequireApproval
    approvals: {required: 2, fromGroups: [dba-leads]}
    timeout: 1h
    requireReason: true
  defaultAction: RequireApproval
EOF
}

apply_manifests() {
  log "applying crds/, RBAC, the Connection $NAMESPACE/$CONNECTION and its policy"
  {
    kubectl_admin apply -f crds/
    kubectl_admin create namespace "$NAMESPACE"
    rbac_manifest | kubectl_admin apply -f -
    connection_manifest | kubectl_admin apply -f -
  } >"$work/kubectl-apply.log" 2>&1 || die "kubectl apply failed" "$work/kubectl-apply.log"
}

# run_pgbench NAME PORT USER PASSWORD WORKLOAD-FLAGS...: prints "TPS LATENCY_MS" (run_seconds=N overrides the duration).
run_pgbench() {
  local name=$1 port=$2 user=$3 password=$4
  shift 4
  local out=$work/pgbench-$name.log
  PGPASSWORD=$password pgbench -h 127.0.0.1 -p "$port" -U "$user" -c "$CLIENTS" -j "$THREADS" -T "${run_seconds:-$SECONDS_PER_RUN}" \
    -n -M extended "$@" "$DATABASE" >"$out" 2>&1 || {
    case $name in *gateway*) die "pgbench $name failed" "$work/gateway.log" ;; esac
    die "pgbench $name failed" "$out"
  }
  local tps latency
  tps=$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$out")
  latency=$(sed -n 's/^latency average = \([0-9.]*\) ms$/\1/p' "$out")
  [[ -n $tps && -n $latency ]] || die "could not read tps and latency from pgbench $name" "$out"
  echo "$tps $latency"
}

# The CPU time (user + system, in clock ticks) a process has used so far.
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# Both workloads against the three targets, one run after another so they never compete for the CPU. For the two proxies
# also the CPU time each used per transaction: the cost that decides throughput when clients, proxy and server share cores.
measure_throughput() {
  local workload target flags proxy_pid before
  declare -gA tps latency cpu_us
  for workload in select-only write-mix; do
    case $workload in
      select-only) flags=(-S) ;;
      write-mix) flags=(-b tpcb-like) ;;
    esac
    for target in direct pgbouncer gateway; do
      log "pgbench $workload via $target (${SECONDS_PER_RUN} s, after ${WARMUP_SECONDS} s not measured)"
      local result
      case $target in
        direct) run_seconds=$WARMUP_SECONDS run_pgbench "warmup-$workload-$target" "$pg_port" postgres "$pg_password" "${flags[@]}" ;;
        pgbouncer) run_seconds=$WARMUP_SECONDS run_pgbench "warmup-$workload-$target" "$pgbouncer_port" postgres "" "${flags[@]}" ;;
        gateway) run_seconds=$WARMUP_SECONDS run_pgbench "warmup-$workload-$target" "$gateway_port" alice "$ALICE_TOKEN" "${flags[@]}" ;;
      esac >/dev/null
      case $target in
        pgbouncer) proxy_pid=$pgbouncer_pid ;;
        gateway) proxy_pid=$gateway_pid ;;
        *) proxy_pid="" ;;
      esac
      [[ -z $proxy_pid ]] || before=$(cpu_ticks "$proxy_pid")
      case $target in
        direct) result=$(run_pgbench "$workload-$target" "$pg_port" postgres "$pg_password" "${flags[@]}") ;;
        pgbouncer) result=$(run_pgbench "$workload-$target" "$pgbouncer_port" postgres "" "${flags[@]}") ;;
        gateway) result=$(run_pgbench "$workload-$target" "$gateway_port" alice "$ALICE_TOKEN" "${flags[@]}") ;;
      esac
      tps[$workload,$target]=${result% *}
      latency[$workload,$target]=${result#* }
      if [[ -n $proxy_pid ]]; then
        cpu_us[$workload,$target]=$(awk -v ticks=$(($(cpu_ticks "$proxy_pid") - before)) -v hz="$(getconf CLK_TCK)" \
          -v tps="${tps[$workload,$target]}" -v s="$SECONDS_PER_RUN" 'BEGIN { printf "%.0f", ticks / hz * 1e6 / (tps * s) }')
      fi
    done
  done
}

# The Pending AccessRequests' names, one a line.
pending_requests() {
  kubectl_admin get accessrequests -n "$NAMESPACE" \
    -o jsonpath='{range .items[?(@.status.phase=="Pending")]}{.metadata.name}{"\n"}{end}'
}

review() {
  local token=$1 name=$2
  kubectl_as "$token" patch accessrequest "$name" -n "$NAMESPACE" --subresource=status --type=json \
    -p '[{"op":"add","path":"/status/reviews/-","value":{"decision":"Approve","comment":"bench"}}]' >/dev/null
}

# One held DDL statement: alice runs it through the gateway, bob and carol approve; prints the milliseconds from the
# moment carol's approval was stored to the moment psql came back with the statement's result.
approval_to_execution_once() {
  local n=$1 out=$work/psql-held-$1.log
  PGPASSWORD=$ALICE_TOKEN PGOPTIONS='-c hoop.reason=bench' psql -qX -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$gateway_port" -U alice -d "$DATABASE" \
    -c "ALTER TABLE pgbench_history ADD COLUMN IF NOT EXISTS note_$n text" >"$out" 2>&1 &
  local psql_pid=$! name="" deadline=$((SECONDS + 30))
  until [[ -n $name ]]; do
    kill -0 "$psql_pid" 2>/dev/null || die "psql exited before its statement was held: $(cat "$out")" "$work/gateway.log"
    ((SECONDS < deadline)) || die "no Pending AccessRequest 30 s after the held statement" "$work/operator.log"
    name=$(pending_requests | head -n 1)
    [[ -n $name ]] || sleep 0.05
  done
  review "$BOB_TOKEN" "$name" || die "bob's approval of $name failed" "$work/operator.log"
  review "$CAROL_TOKEN" "$name" || die "carol's approval of $name failed" "$work/operator.log"
  local approved=$(now_ms)
  wait "$psql_pid" || die "the approved statement failed: $(cat "$out")" "$work/gateway.log"
  echo $(($(now_ms) - approved))
}

measure_approval_to_execution() {
  local n samples=()
  for ((n = 1; n <= APPROVALS; n++)); do
    log "held statement $n of $APPROVALS: approving as bob and carol"
    samples+=("$(approval_to_execution_once "$n")")
  done
  log "approval-to-execution samples (ms): ${samples[*]}"
  approval_p50=$(printf '%s\n' "${samples[@]}" | sort -n |
    awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%d\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
}

report() {
  local workload target
  printf '\npgbench scale %s, %s clients, %s threads, %s s per run, -M extended, sslmode=disable; gateway with policy, masking and recording\n' \
    "$SCALE" "$CLIENTS" "$THREADS" "$SECONDS_PER_RUN"
  printf 'gateway session recordings written: %s\n' "$(find "$work/recordings" -type f 2>/dev/null | wc -l)"
  printf '%-12s %-10s %12s %16s %18s\n' workload target tps "latency avg ms" "proxy cpu us/tx"
  for workload in select-only write-mix; do
    for target in direct pgbouncer gateway; do
      printf '%-12s %-10s %12.1f %16.3f %18s\n' "$workload" "$target" "${tps[$workload,$target]}" "${latency[$workload,$target]}" \
        "${cpu_us[$workload,$target]:--}"
    done
  done
  local write_direct write_pgbouncer
  write_direct=$(awk -v a="${tps[write-mix,gateway]}" -v b="${tps[write-mix,direct]}" 'BEGIN { printf "%.2f", a / b }')
  write_pgbouncer=$(awk -v a="${tps[write-mix,gateway]}" -v b="${tps[write-mix,pgbouncer]}" 'BEGIN { printf "%.2f", a / b }')
  ratio_direct=$(awk -v a="${tps[select-only,gateway]}" -v b="${tps[select-only,direct]}" 'BEGIN { printf "%.2f", a / b }')
  ratio_pgbouncer=$(awk -v a="${tps[select-only,gateway]}" -v b="${tps[select-only,pgbouncer]}" 'BEGIN { printf "%.2f", a / b }')
  printf 'write-mix TPS ratios: gateway/direct %s, gateway/pgbouncer %s\n' "$write_direct" "$write_pgbouncer"

  goals_met=1
  if awk -v a="${tps[select-only,gateway]}" -v b="${tps[select-only,pgbouncer]}" 'BEGIN { exit !(a >= b) }'; then
    echo "goal select-only TPS gateway >= pgbouncer: met"
  else
    echo "goal select-only TPS gateway >= pgbouncer: MISSED"
    goals_met=0
  fi
  if ((approval_p50 < GOAL_APPROVAL_MS)); then
    echo "goal approval-to-execution p50 < $GOAL_APPROVAL_MS ms: met"
  else
    echo "goal approval-to-execution p50 < $GOAL_APPROVAL_MS ms: MISSED"
    goals_met=0
  fi
  echo "select-only TPS ratios:"
  echo "ratio gateway/direct: $ratio_direct"
  echo "ratio gateway/pgbouncer: $ratio_pgbouncer"
  echo "approval-to-execution p50 ms: $approval_p50"
}

main() {
  check_prerequisites
  build
  prepare_postgres
  start_pgbouncer
  write_tokens
  start_localkube
  apply_manifests
  start_operator
  start_gateway
  measure_throughput
  measure_approval_to_execution
  report
  ((goals_met)) || exit 1
}

main "$@"

# shellcheck shell=bash
# The whole story on one machine, as real processes: PostgreSQL 15, hoop-localkube (the local Kubernetes API server),
# hoop-operator and hoop-gateway, on 127.0.0.1 with free ports, in one temporary directory removed on exit.
# Sourced by `make run` (scripts/run.sh) and the gateway bench (bench/pg-gateway.sh), which set before sourcing:
#   STACK_NAME            prefix of log lines
#   NAMESPACE CONNECTION  the Connection the gateway fronts
#   PG_BIN                PostgreSQL's binaries
#   HOOP_BIN              where hoop-localkube, hoop-operator and hoop-gateway are (default: bin/, which `make build` fills)
# and call, in order: start_postgres, start_localkube (after writing "$work/tokens.csv"), kubectl_admin apply ...,
# start_operator, start_gateway. Everything started is stopped on exit, Ctrl-C included.

: "${HOOP_BIN:=$PWD/bin}"
work=$(mktemp -d -t "hoop-$STACK_NAME.XXXXXX")
pids=()       # background processes we started, stopped in reverse order on exit
pg_data=""    # set once initdb ran, so cleanup knows to stop the server

log() { echo "$STACK_NAME: $*" >&2; }

# Stops with a message that says which step failed and shows the log that explains it.
die() {
  local message=$1 logfile=${2:-}
  log "FAILED: $message"
  if [[ -n $logfile && -f $logfile ]]; then
    log "last lines of $(basename "$logfile"):"
    tail -n 40 "$logfile" | sed 's/^/  | /' >&2
  fi
  exit 2
}

cleanup() {
  local status=$?
  # Command substitutions are subshells; only the main shell owns the processes and the directory.
  [[ $BASHPID == "$$" ]] || return 0
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
  done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    wait "${pids[i]}" 2>/dev/null || true
  done
  if [[ -n $pg_data ]]; then
    "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# PostgreSQL and pgbouncer refuse to run as root; when we are root they run as the postgres system account. A command
# prefix rather than a function, so that `$!` of a background server is the server itself (setpriv execs it).
as_postgres=()
if ((EUID == 0)); then as_postgres=(setpriv --reuid=postgres --regid=postgres --init-groups --); fi

# A directory PostgreSQL or pgbouncer may write to.
postgres_dir() {
  mkdir -p "$1"
  if ((EUID == 0)); then chown postgres:postgres "$1"; fi
}

# A loopback port nothing listens on now and that this run has not handed out yet.
handed_out=" "
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 40000))
    [[ $handed_out == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      handed_out+="$port "
      echo "$port"
      return
    fi
  done
}

# wait_until SECONDS WHAT LOGFILE PID COMMAND...: polls COMMAND until it succeeds; fails early when PID died.
wait_until() {
  local seconds=$1 what=$2 logfile=$3 pid=$4
  shift 4
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if [[ $pid != - ]] && ! kill -0 "$pid" 2>/dev/null; then
      die "$what: the process exited" "$logfile"
    fi
    ((SECONDS < deadline)) || die "$what: not after ${seconds} s" "$logfile"
    sleep 0.1
  done
}

http_ok() { curl -fsS -o /dev/null --max-time 2 "$1"; }

# start_postgres [SETTING...]: a throwaway PostgreSQL 15 on a free port (pg_port), superuser postgres with a random
# password (pg_password), SCRAM authentication; extra `-c name=value` settings as arguments.
start_postgres() {
  # Traversable (not readable) by the postgres account, which owns only its own subdirectories.
  chmod 711 "$work"
  pg_port=$(free_port)
  pg_password=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
  local dir=$work/postgres setting options="-c listen_addresses=127.0.0.1 -c max_connections=100"
  postgres_dir "$dir"
  printf '%s\n' "$pg_password" >"$dir/password"
  chmod 600 "$dir/password"
  if ((EUID == 0)); then chown postgres:postgres "$dir/password"; fi
  log "starting PostgreSQL 15 on 127.0.0.1:$pg_port"
  "${as_postgres[@]}" "$PG_BIN/initdb" --pgdata "$dir/data" --username postgres --pwfile "$dir/password" \
    --auth scram-sha-256 --encoding UTF8 --no-locale --no-sync >"$work/initdb.log" 2>&1 \
    || die "initdb failed" "$work/initdb.log"
  pg_data=$dir/data
  for setting in "$@"; do options+=" -c $setting"; done
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$pg_data" -l "$dir/server.log" -w -t 60 start \
    -o "$options -c port=$pg_port -c unix_socket_directories=$dir" \
    >"$work/pg_ctl.log" 2>&1 || die "PostgreSQL did not start" "$dir/server.log"
  export PGSSLMODE=disable PGCONNECT_TIMEOUT=10
}

# psql as the superuser on the local server: pg_admin DATABASE PSQL-ARGS...
pg_admin() {
  local database=$1
  shift
  PGPASSWORD=$pg_password psql -qX -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d "$database" "$@"
}

# LocalKube with the static tokens in "$work/tokens.csv" (kube-apiserver's token CSV format); the first user's
# kubeconfig is admin_kubeconfig.
start_localkube() {
  local port
  port=$(free_port)
  chmod 600 "$work/tokens.csv"
  admin_kubeconfig=$work/kubeconfig-admin
  log "starting hoop-localkube on 127.0.0.1:$port"
  "$HOOP_BIN/hoop-localkube" --listen "127.0.0.1:$port" --data-dir "$work/localkube" --tokens "$work/tokens.csv" \
    --kubeconfig-out "$admin_kubeconfig" --kubeconfig-user admin >"$work/localkube.log" 2>&1 &
  pids+=($!)
  wait_until 60 "hoop-localkube printing ready" "$work/localkube.log" $! grep -qx ready "$work/localkube.log"
}

# kubectl as a given person: the admin kubeconfig's cluster, that person's token.
kubectl_as() {
  local token=$1
  shift
  kubectl --kubeconfig "$admin_kubeconfig" --token "$token" "$@"
}
kubectl_admin() { kubectl --kubeconfig "$admin_kubeconfig" "$@"; }

# kubeconfig_for NAME TOKEN: a kubeconfig of the admin's cluster for another person, printed as its path.
kubeconfig_for() {
  local name=$1 token=$2 file=$work/kubeconfig-$1 user
  cp "$admin_kubeconfig" "$file"
  user=$(kubectl --kubeconfig "$file" config view -o jsonpath='{.contexts[0].context.user}')
  kubectl --kubeconfig "$file" config set-credentials "$user" --token="$token" >/dev/null
  chmod 600 "$file"
  echo "$file"
}

# The RBAC of an installation as the tests have it: dba-leads approve, alice and the gateway's ServiceAccount create
# AccessRequests, every authenticated user may review (the operator's webhook decides whose review counts).
rbac_manifest() { cat tests/Hoop.Testing/Kubernetes/test-rbac.yaml; }

start_operator() {
  local webhook_port health_port
  webhook_port=$(free_port)
  health_port=$(free_port)
  log "starting hoop-operator"
  "$HOOP_BIN/hoop-operator" --kubeconfig "$admin_kubeconfig" --webhook-listen "127.0.0.1:$webhook_port" \
    --webhook-url-base "https://127.0.0.1:$webhook_port" --health-listen "127.0.0.1:$health_port" \
    >"$work/operator.log" 2>&1 &
  pids+=($!)
  local pid=$!
  wait_until 60 "hoop-operator /readyz" "$work/operator.log" "$pid" http_ok "http://127.0.0.1:$health_port/readyz"
  wait_until 60 "the operator creating Secret $CONNECTION-gateway-recording-key" "$work/operator.log" "$pid" \
    kubectl_admin get secret "$CONNECTION-gateway-recording-key" -n "$NAMESPACE"
  wait_until 60 "the operator creating ServiceAccount $CONNECTION-gateway" "$work/operator.log" "$pid" \
    kubectl_admin get serviceaccount "$CONNECTION-gateway" -n "$NAMESPACE"
}

# The gateway for NAMESPACE/CONNECTION on a free port (gateway_port), its recordings in "$work/recordings".
start_gateway() {
  # Out of a cluster the gateway logs in with a token of its ServiceAccount, as its pod would.
  local token admin_port
  token=$(kubectl_admin create token "$CONNECTION-gateway" -n "$NAMESPACE" --duration=12h) \
    || die "kubectl create token $CONNECTION-gateway failed"
  gateway_kubeconfig=$(kubeconfig_for gateway "$token")

  gateway_port=$(free_port)
  admin_port=$(free_port)
  log "starting hoop-gateway on 127.0.0.1:$gateway_port"
  "$HOOP_BIN/hoop-gateway" --kubeconfig "$gateway_kubeconfig" --connection "$NAMESPACE/$CONNECTION" \
    --listen "127.0.0.1:$gateway_port" --recordings "$work/recordings" --admin-listen "127.0.0.1:$admin_port" \
    >"$work/gateway.log" 2>&1 &
  pids+=($!)
  gateway_pid=$!
  wait_until 60 "hoop-gateway /readyz" "$work/gateway.log" $! http_ok "http://127.0.0.1:$admin_port/readyz"
}

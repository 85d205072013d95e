#!/usr/bin/env bash
# Supervises one throwaway server for a test process.
#   watchdog.sh OWNER_PID STOP_SIGNAL SCRATCH_DIR LOG_FILE -- COMMAND [ARGS...]
# Starts COMMAND with its output in LOG_FILE and prints "pid N". When the owner (the test host, our parent) is gone -- finished,
# crashed, cancelled or killed with SIGKILL -- or this script gets TERM/INT/HUP, it stops the server with
# STOP_SIGNAL, then KILL after 10 s, and removes SCRATCH_DIR. So no server, port or directory outlives the tests.
set -u
owner=$1 stop_signal=$2 scratch=$3 log=$4
shift 5

set -m # the server gets its own process group: a Ctrl-C aimed at the test run reaches it only through us
"$@" >"$log" 2>&1 </dev/null &
server=$!
set +m
echo "pid $server"

stop() {
  trap '' TERM INT HUP
  if kill -0 "$server" 2>/dev/null; then
    kill "-$stop_signal" "$server" 2>/dev/null
    for _ in $(seq 100); do
      kill -0 "$server" 2>/dev/null || break
      sleep 0.1
    done
    # The server's whole process group: PostgreSQL backends, sshd sessions.
    kill -KILL -- "-$server" 2>/dev/null
    kill -KILL "$server" 2>/dev/null
  fi
  wait "$server" 2>/dev/null
  rm -rf -- "$scratch"
  exit 0
}
trap stop TERM INT HUP

# The owner is our parent. When it dies the kernel hands us to another parent at once, while the owner itself
# may linger as a zombie that `kill -0` still finds; so watch our parent pid, not the owner's.
owner_alive() {
  local stat
  stat=$(</proc/$$/stat) || return 1
  read -r _ ppid _ <<<"${stat##*) }"
  [[ $ppid == "$owner" ]]
}

while owner_alive; do
  sleep 0.5 &
  wait $!
done
stop

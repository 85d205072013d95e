#!/usr/bin/env bash
# Installs the real servers and clients the tests and `make run` use, from Debian's packages.
# Idempotent: installs only what is missing. As non-root it prints the exact command to run instead.
set -euo pipefail

packages=(
  postgresql        # PostgreSQL 15 server, psql, pgbench
  pgbouncer         # connection pooler, benchmark baseline
  mariadb-server    # MariaDB 10.11, speaks the MySQL protocol
  mariadb-client    # mysql/mariadb client, mysqlslap
  openssh-server    # sshd for SSH targets and the gateway's SSH front
  openssh-client    # ssh, ssh-keygen
  asciinema         # plays SSH session recordings
  lua5.4            # runs the chart's Argo CD health checks (Lua) in tests
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all Debian packages present"
else
  cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-deps: missing Debian packages: ${missing[*]}" >&2
    echo "install-deps: run this as root, then run make again:" >&2
    echo "  sudo sh -c '$cmd'" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  # Package scripts would start system-wide postgresql, mariadb, sshd and pgbouncer services on their default
  # ports. The tests start their own throwaway servers, so keep the system ones from starting during the install.
  policy=/usr/sbin/policy-rc.d
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# PostgreSQL's and MariaDB's binaries live outside PATH on Debian; the test fixtures find them by their
# versioned directories, so nothing else needs installing here.

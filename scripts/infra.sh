#!/usr/bin/env bash
# Makes sure PostgreSQL, Redis and NATS (with JetStream) answer where the project expects them.
# For each: if it answers, use it; if it is installed but stopped, start it; if it is missing and
# we are root on Debian, install it with apt and start it; otherwise stop and say what to run.
# pgbench (bench:hold's baseline) is installed the same way, but only named where it cannot be.
# Idempotent, and quick when everything is already up (a few local probes).
#
# Env overrides: DATABASE_HOST, PGPORT, REDIS_URL (or REDIS_PORT), NATS_URL (or NATS_PORT),
# INFRA_WAIT_SECONDS (default 30).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WAIT_SECONDS="${INFRA_WAIT_SECONDS:-30}"

# host and port of the first address in a URL such as redis://user:pw@host:6379/0 or a
# comma-separated NATS server list; the default port fills in when the URL has none.
url_host() { local u="${1#*://}"; u="${u%%,*}"; u="${u##*@}"; u="${u%%/*}"; echo "${u%:*}"; }
url_port() {
  local u="${1#*://}"; u="${u%%,*}"; u="${u##*@}"; u="${u%%/*}"
  if [[ $u == *:* ]]; then echo "${u##*:}"; else echo "$2"; fi
}

PG_HOST="${DATABASE_HOST:-127.0.0.1}"
PG_PORT="${PGPORT:-5432}"
REDIS_HOST="$(url_host "${REDIS_URL:-redis://127.0.0.1:6379}")"
REDIS_PORT="${REDIS_PORT:-$(url_port "${REDIS_URL:-redis://127.0.0.1:6379}" 6379)}"
NATS_HOST="$(url_host "${NATS_URL:-nats://127.0.0.1:4222}")"
NATS_PORT="${NATS_PORT:-$(url_port "${NATS_URL:-nats://127.0.0.1:4222}" 4222)}"

IS_ROOT=0; [[ $(id -u) == 0 ]] && IS_ROOT=1
IS_DEBIAN=0; [[ -f /etc/debian_version ]] && command -v apt-get >/dev/null && IS_DEBIAN=1

# Where servers this script starts keep their files. Root uses the places the Debian packages
# and the machine notes use; anyone else gets a private directory under /tmp.
if (( IS_ROOT )); then
  RUN_DIR=/run; LOG_DIR=/var/log; REDIS_DIR=/var/lib/redis; NATS_STORE_BASE=/var/lib/nats-server
else
  RUN_DIR="${TMPDIR:-/tmp}/ticketing-infra-$(id -u)"
  LOG_DIR="$RUN_DIR"; REDIS_DIR="$RUN_DIR"; NATS_STORE_BASE="$RUN_DIR/nats-server"
fi
# A second NATS on another port must not share the JetStream store (or log) of the first one.
NATS_STORE="$NATS_STORE_BASE"; NATS_LOG="$LOG_DIR/nats-server.log"
if [[ $NATS_PORT != 4222 ]]; then
  NATS_STORE="$NATS_STORE_BASE-$NATS_PORT"; NATS_LOG="$LOG_DIR/nats-server-$NATS_PORT.log"
fi

die() { echo "infra: $*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
is_local() { [[ $1 == 127.0.0.1 || $1 == localhost || $1 == ::1 || $1 == "[::1]" ]]; }

# Opens a TCP connection with bash's /dev/tcp, optionally sends $3, and checks the first line
# the server sends back against the regex $4. `timeout` bounds a connect to a silent host.
probe() {
  # shellcheck disable=SC2016 # the inner script expands its own arguments
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    [[ -z $2 ]] || printf "%b" "$2" >&3
    [[ -z $3 ]] && exit 0
    IFS= read -r -t 2 line <&3 && [[ $line =~ $3 ]]' "$@" 2>/dev/null
}

postgres_answers() {
  if have pg_isready; then pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
  else probe "$PG_HOST" "$PG_PORT" "" ""; fi
}
# NOAUTH still proves a Redis is listening; credentials are the application's business.
redis_answers() { probe "$REDIS_HOST" "$REDIS_PORT" 'PING\r\n' '^(\+PONG|-NOAUTH)'; }
# A NATS server greets every client with an INFO line.
nats_answers() { probe "$NATS_HOST" "$NATS_PORT" "" '^INFO '; }

# --- installed? ---------------------------------------------------------------------------
pg_cluster_for_port() { # prints "version name status" of the Debian cluster on $PG_PORT
  have pg_lsclusters || return 0
  pg_lsclusters --no-header 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1, $2, $4; exit }'
}
postgres_installed() { have pg_ctlcluster && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }
redis_installed() { have redis-server; }
nats_installed() { have nats-server || [[ -x /usr/sbin/nats-server ]]; }
nats_bin() { command -v nats-server 2>/dev/null || echo /usr/sbin/nats-server; }
# bench:hold's baseline runs pgbench. Debian ships it with the server (postgresql-NN), so a host
# whose PostgreSQL is elsewhere may lack it; and /usr/bin/pgbench may be Debian's pg_wrapper with
# no pgbench behind it, hence asking it for its version rather than looking for the file.
pgbench_installed() { have pgbench && pgbench --version >/dev/null 2>&1; }

# --- start ----------------------------------------------------------------------------------
# Debian's init scripts are refused in containers (policy-rc.d) and need systemd elsewhere, so
# the servers are started directly, with the same commands the machine notes use.
start_postgres() {
  local cluster ver name
  cluster="$(pg_cluster_for_port)"
  if [[ -z $cluster ]]; then
    if [[ -z "$(pg_lsclusters --no-header 2>/dev/null)" ]] && (( IS_ROOT )); then
      # The package can be installed without a cluster (create_main_cluster = false).
      ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n1)"
      pg_createcluster "$ver" main --port "$PG_PORT" >/dev/null
      PG_FRESH=1
      cluster="$(pg_cluster_for_port)"
    else
      die "postgres: no PostgreSQL cluster uses port $PG_PORT. Clusters here:
$(pg_lsclusters 2>&1)
Unset PGPORT, or create one: pg_createcluster <version> main --port $PG_PORT --start"
    fi
  fi
  read -r ver name _ <<<"$cluster"
  (( PG_FRESH )) && allow_trust_for_postgres "$ver" "$name"
  pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start 2>/dev/null ||
    postgres_answers ||
    die "postgres: could not start cluster $ver/$name; run as root: pg_ctlcluster --skip-systemctl-redirect $ver $name start"
}

# Only for a cluster this script installed or created: the project connects as
# postgres://postgres@127.0.0.1 with no password, which Debian's default pg_hba refuses.
allow_trust_for_postgres() {
  local hba="/etc/postgresql/$1/$2/pg_hba.conf"
  grep -q 'scripts/infra.sh' "$hba" && return 0
  # pg_hba.conf is matched top-down, so these lines go first.
  { printf '%s\n' \
      '# Added by scripts/infra.sh on install: the project uses role postgres without a password on loopback.' \
      'local   all   postgres                 trust' \
      'host    all   postgres   127.0.0.1/32  trust' \
      'host    all   postgres   ::1/128       trust'
    cat "$hba"; } >"$hba.new"
  chown --reference="$hba" "$hba.new"; chmod --reference="$hba" "$hba.new"; mv "$hba.new" "$hba"
  # A cluster the package already started must re-read the file.
  pg_ctlcluster --skip-systemctl-redirect "$1" "$2" reload 2>/dev/null || true
  PG_NOTE=" (pg_hba.conf: trust for role postgres on local socket and loopback)"
}

start_redis() {
  mkdir -p "$RUN_DIR" "$REDIS_DIR"
  local log="$LOG_DIR/redis/redis-server-$REDIS_PORT.log"; (( IS_ROOT )) || log="$LOG_DIR/redis-$REDIS_PORT.log"
  mkdir -p "$(dirname "$log")"
  # Nothing on disk: the project treats Redis as a cache and waiting room, not a store of record.
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$REDIS_DIR" --logfile "$log" --pidfile "$RUN_DIR/redis-server-$REDIS_PORT.pid" >/dev/null
}

start_nats() {
  mkdir -p "$RUN_DIR" "$NATS_STORE"
  local pid="$RUN_DIR/nats-server-$NATS_PORT.pid"
  local args=(-a 127.0.0.1 -p "$NATS_PORT" -js -sd "$NATS_STORE" -l "$NATS_LOG")
  if have start-stop-daemon; then
    # The pid file ties "already running" to this port, not to any nats-server on the machine.
    start-stop-daemon --start --quiet --oknodo --background --make-pidfile --pidfile "$pid" \
      --exec "$(nats_bin)" -- "${args[@]}"
  else
    nohup "$(nats_bin)" "${args[@]}" -P "$pid" >/dev/null 2>&1 &
    disown
  fi
}

# On a host with systemd, Debian's nats-server unit starts right after install without
# JetStream (/etc/nats-server.conf has none). Only for a NATS this script just installed:
# hand the port to our own JetStream server.
replace_packaged_nats() {
  [[ -d /run/systemd/system ]] && have systemctl || return 0
  systemctl disable --now nats-server >/dev/null 2>&1 || true
  NATS_NOTE=" (the packaged nats-server unit was disabled: it runs without JetStream)"
}

# --- install ------------------------------------------------------------------------------
install_packages() { # package names
  local pkg
  if ! (( IS_ROOT && IS_DEBIAN )); then
    if (( IS_DEBIAN )); then
      die "missing: $*. Run: sudo apt-get update && sudo apt-get install -y $*  then: bash scripts/infra.sh
(or simply: sudo bash scripts/infra.sh)"
    fi
    die "missing: $*, and this is not Debian, so this script will not install them. Install and start
PostgreSQL 15 (role postgres, trust on loopback), Redis 7 and NATS 2 with JetStream (nats-server -js)
on their default ports, or with Docker run:
  docker run -d --name ticketing-postgres -p 127.0.0.1:5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:15
  docker run -d --name ticketing-redis -p 127.0.0.1:6379:6379 redis:7
  docker run -d --name ticketing-nats -p 127.0.0.1:4222:4222 nats:2 -js"
  fi
  echo "infra: installing $* with apt-get" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  for pkg in "$@"; do
    apt-cache policy "$pkg" | grep -q 'Candidate: [^(]' ||
      die "apt has no package '$pkg'; check /etc/apt/sources.list, then run: apt-get install -y $pkg"
  done
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# --- checks after start ---------------------------------------------------------------------
wait_for() { # name check-function
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$2"; do
    (( SECONDS < deadline )) || die "$1 did not answer within ${WAIT_SECONDS}s; see its log under $LOG_DIR"
    sleep 0.5
  done
}

check_postgres_login() {
  have psql || return 0
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -w -tAc 'select 1' >/dev/null 2>&1 && return 0
  local ver=VERSION name=main
  read -r ver name _ <<<"$(pg_cluster_for_port)" || true
  # Not edited here: someone else's pg_hba.conf is a security decision, not ours.
  die "postgres: $PG_HOST:$PG_PORT answers but refuses role postgres without a password. The project
expects trust on loopback: put 'host all postgres 127.0.0.1/32 trust' first in
/etc/postgresql/$ver/$name/pg_hba.conf, then run: pg_ctlcluster $ver $name reload"
}

check_jetstream() {
  if ! probe "$NATS_HOST" "$NATS_PORT" "" '"jetstream":true'; then
    die "nats: $NATS_HOST:$NATS_PORT answers but JetStream is off. The project needs it: stop that
server and start it with -js, e.g.: start-stop-daemon --start --oknodo --background --exec $(nats_bin) -- -a 127.0.0.1 -p $NATS_PORT -js -sd $NATS_STORE -l $NATS_LOG"
  fi
  # The INFO line shows the server has JetStream; asking the account for its limits also proves
  # the client library reaches it. Only possible once dependencies are installed.
  local nm="$REPO_ROOT/node_modules/@nats-io"
  have node && [[ -d $nm/transport-node && -d $nm/jetstream ]] || return 0
  (cd "$REPO_ROOT" && NATS_PROBE_URL="nats://$NATS_HOST:$NATS_PORT" timeout 10 node -e '
    const { connect } = require("@nats-io/transport-node");
    const { jetstreamManager } = require("@nats-io/jetstream");
    (async () => {
      const nc = await connect({ servers: process.env.NATS_PROBE_URL, timeout: 3000 });
      try { await (await jetstreamManager(nc)).getAccountInfo(); } finally { await nc.close(); }
    })().catch((e) => { console.error(e.message); process.exit(1); });') ||
    die "nats: $NATS_HOST:$NATS_PORT has JetStream in its INFO, but the account has no JetStream (see the error above)"
}

# --- main -------------------------------------------------------------------------------------
PG_FRESH=0; PG_NOTE=""; NATS_NOTE=""
declare -A STATE=() PKG=([postgres]=postgresql [redis]=redis-server [nats]=nats-server)
declare -A ADDR=([postgres]="$PG_HOST:$PG_PORT" [redis]="$REDIS_HOST:$REDIS_PORT" [nats]="$NATS_HOST:$NATS_PORT")
SERVERS=(postgres redis nats)

missing=()
for s in "${SERVERS[@]}"; do
  if "${s}_answers"; then STATE[$s]=up; continue; fi
  is_local "${ADDR[$s]%:*}" ||
    die "$s: nothing answers at ${ADDR[$s]}, and this script only starts servers on this machine"
  if "${s}_installed"; then STATE[$s]=started; else STATE[$s]="installed and started"; missing+=("${PKG[$s]}"); fi
done

# Only the benchmarks need pgbench: installed along with the rest where this script may install,
# otherwise named, without failing npm start or npm test, which run without it.
PGBENCH_STATE=present
if ! pgbench_installed; then
  if (( IS_ROOT && IS_DEBIAN )); then
    PGBENCH_STATE=installed
    [[ " ${missing[*]} " == *" ${PKG[postgres]} "* ]] || missing+=("${PKG[postgres]}")
  elif (( IS_DEBIAN )); then
    PGBENCH_STATE="missing (bench:hold's baseline needs it: sudo apt-get install -y ${PKG[postgres]}, or --skip-baseline)"
  else
    PGBENCH_STATE="missing (bench:hold's baseline needs it: install PostgreSQL's pgbench, or --skip-baseline)"
  fi
fi

if (( ${#missing[@]} > 0 )); then
  install_packages "${missing[@]}"
  for s in "${SERVERS[@]}"; do
    "${s}_installed" || die "$s: apt-get installed ${PKG[$s]}, but its server program is still not found"
  done
  [[ $PGBENCH_STATE != installed ]] || pgbench_installed ||
    die "pgbench: apt-get installed ${PKG[postgres]}, but pgbench is still not found"
fi
[[ ${STATE[postgres]} == "installed and started" ]] && PG_FRESH=1
[[ ${STATE[nats]} == "installed and started" ]] && replace_packaged_nats

for s in "${SERVERS[@]}"; do
  [[ ${STATE[$s]} == up ]] && continue
  # A package's own init may already have started it during install.
  "${s}_answers" || "start_$s"
  wait_for "$s" "${s}_answers"
done

check_postgres_login
check_jetstream

echo "postgres: ${STATE[postgres]} (${ADDR[postgres]})$PG_NOTE"
echo "redis: ${STATE[redis]} (${ADDR[redis]})"
echo "nats: ${STATE[nats]} (${ADDR[nats]}, JetStream on)$NATS_NOTE"
echo "pgbench: $PGBENCH_STATE"

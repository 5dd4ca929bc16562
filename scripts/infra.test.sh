#!/usr/bin/env bash
# Tests scripts/infra.sh against real servers on throwaway ports, so the shared PostgreSQL,
# Redis and NATS on their default ports are only probed, never stopped or restarted.
# Usage: bash scripts/infra.test.sh
set -euo pipefail

INFRA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/infra.sh"
WORK="$(mktemp -d)"; chmod 755 "$WORK"
REDIS_TEST_PORT="${REDIS_TEST_PORT:-6390}"
NATS_TEST_PORT="${NATS_TEST_PORT:-4230}"
NATS_NOJS_PORT="${NATS_NOJS_PORT:-4231}"
passed=0; failed=0

cleanup() {
  redis-cli -p "$REDIS_TEST_PORT" shutdown nosave >/dev/null 2>&1 || true
  # infra.sh keeps a started server's files under these, per port (see its RUN_DIR and friends).
  local run=/run lib=/var/lib log=/var/log
  if [[ $(id -u) != 0 ]]; then run="${TMPDIR:-/tmp}/ticketing-infra-$(id -u)"; lib="$run"; log="$run"; fi
  local pid
  for pid in "$run/nats-server-$NATS_TEST_PORT.pid" "$WORK/nojs.pid"; do
    if [[ -f $pid ]]; then kill "$(cat "$pid")" 2>/dev/null || true; fi
  done
  sleep 0.5
  rm -rf "$WORK" "$run/nats-server-$NATS_TEST_PORT.pid" "$run/redis-server-$REDIS_TEST_PORT.pid" \
    "$lib/nats-server-$NATS_TEST_PORT" "$log/nats-server-$NATS_TEST_PORT.log" \
    "$log/redis/redis-server-$REDIS_TEST_PORT.log" "$log/redis-$REDIS_TEST_PORT.log"
}
trap cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
check() { # name, then a command whose success is the expectation
  local name="$1"; shift
  if "$@"; then echo "ok   $name"; passed=$((passed + 1)); else echo "FAIL $name"; failed=$((failed + 1)); fi
}
run() { # runs infra.sh with extra env; keeps its output and exit code in $WORK
  set +e; env "$@" bash "$INFRA" >"$WORK/out" 2>&1; echo $? >"$WORK/rc"; set -e
}
out_has() { grep -qF -- "$1" "$WORK/out"; }

for p in "$REDIS_TEST_PORT" "$NATS_TEST_PORT" "$NATS_NOJS_PORT"; do
  port_free "$p" || { echo "port $p is in use; pick others via REDIS_TEST_PORT/NATS_TEST_PORT/NATS_NOJS_PORT" >&2; exit 2; }
done

run INFRA_WAIT_SECONDS=30
check "when everything answers, then it reports all three up" \
  bash -c "[[ \$(cat $WORK/rc) == 0 ]] && grep -q '^postgres: up' $WORK/out && grep -q '^redis: up' $WORK/out && grep -q '^nats: up' $WORK/out"

run REDIS_PORT="$REDIS_TEST_PORT"
check "when Redis is installed but stopped, then it starts it" out_has "redis: started (127.0.0.1:$REDIS_TEST_PORT)"
run REDIS_PORT="$REDIS_TEST_PORT"
check "when run again, then the started Redis is just used" out_has "redis: up (127.0.0.1:$REDIS_TEST_PORT)"

run NATS_URL="nats://127.0.0.1:$NATS_TEST_PORT"
check "when NATS is stopped, then it starts it with JetStream" \
  out_has "nats: started (127.0.0.1:$NATS_TEST_PORT, JetStream on)"

nats-server -a 127.0.0.1 -p "$NATS_NOJS_PORT" >/dev/null 2>&1 &
echo $! >"$WORK/nojs.pid"
for _ in $(seq 20); do port_free "$NATS_NOJS_PORT" || break; sleep 0.2; done
run NATS_PORT="$NATS_NOJS_PORT"
check "when NATS answers without JetStream, then it fails and says to restart it with -js" \
  bash -c "[[ \$(cat $WORK/rc) != 0 ]] && grep -q 'JetStream is off' $WORK/out && grep -q -- ' -js ' $WORK/out"

if [[ $(id -u) == 0 ]] && command -v setpriv >/dev/null; then
  # Hide redis-server from PATH and run as nobody: the "missing, not root" branch.
  redis-cli -p "$REDIS_TEST_PORT" shutdown nosave >/dev/null 2>&1 || true
  mkdir -p "$WORK/bin"
  for f in /usr/bin/* /usr/sbin/*; do
    [[ $(basename "$f") == redis-server ]] || ln -sf "$f" "$WORK/bin/"
  done
  set +e
  setpriv --reuid=65534 --regid=65534 --clear-groups env PATH="$WORK/bin" HOME=/tmp \
    REDIS_PORT="$REDIS_TEST_PORT" bash "$INFRA" >"$WORK/out" 2>&1
  echo $? >"$WORK/rc"; set -e
  check "when Redis is missing and we are not root, then it fails and names the apt-get command" \
    bash -c "! [[ \$(cat $WORK/rc) == 0 ]] && grep -q 'apt-get install -y redis-server' $WORK/out"
fi

echo "$passed passed, $failed failed"
(( failed == 0 ))

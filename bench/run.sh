#!/usr/bin/env bash
# Load test of encharge-gateway on loopback: bench/run.sh [seconds per phase] [connections]
#
# Starts the Encharge simulator (port 18090) and the gateway (port 18080, embedded PostgreSQL in a
# fresh temp DATA_DIR), seeds users with `add` webhooks, then runs wrk phases (update_tags,
# update, add of existing contacts, add of new contacts), prints a markdown table and appends it
# with the machine's description to bench/RESULTS.md. Everything it starts is stopped on exit.
#
# Environment knobs (defaults in brackets):
#   BCRYPT_COST [10]  SEED_USERS [2000]  SEED_CONCURRENCY [64]  CONTACTS [20000]
#   SIMULATOR_LATENCY_MS [0: Encharge answers at once]
#   WRK_THREADS [2]  WARMUP_SECONDS [20]  NEW_USERS_SECONDS [max(5, seconds/2)]
#   GATEWAY_JAR [target/encharge-gateway.jar]  GATEWAY_JAVA_OPTS []  RESULTS_FILE [bench/RESULTS.md]  KEEP_WORK [0: delete the temp dir]
#   Gateway tuning keys (SYNC_LANES, HTTP_INSTANCES, DB_POOL_SIZE, MAX_IN_FLIGHT, ...) pass through.
set -euo pipefail

PHASE_SECONDS=${1:-20}
CONNECTIONS=${2:-64}
for n in "$PHASE_SECONDS" "$CONNECTIONS"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [seconds per phase] [connections]" >&2; exit 2; }
done
THREADS=${WRK_THREADS:-2}
(( CONNECTIONS >= THREADS )) || THREADS=$CONNECTIONS
BCRYPT_COST=${BCRYPT_COST:-10}
SEED_USERS=${SEED_USERS:-2000}
SEED_CONCURRENCY=${SEED_CONCURRENCY:-64}
SEED_TIMEOUT_S=${SEED_TIMEOUT_S:-900}
CONTACTS=${CONTACTS:-20000}
SIMULATOR_LATENCY_MS=${SIMULATOR_LATENCY_MS:-0}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
NEW_USERS_SECONDS=${NEW_USERS_SECONDS:-$(( PHASE_SECONDS / 2 > 5 ? PHASE_SECONDS / 2 : 5 ))}

HOST=127.0.0.1                       # loopback only, never another address
GATEWAY_PORT=18080
SIMULATOR_PORT=18090
GATEWAY=http://$HOST:$GATEWAY_PORT
API=http://$HOST:$SIMULATOR_PORT/v1
API_KEY=bench-key
ACCESS_KEY=bench-access-key
ADMIN_TOKEN=bench-admin-token
# WP Fusion on this machine (bench/README.md) and the 40x target
declare -A BASELINE=([update_tags]=72 [update]=50 [add]=37)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
JAR=${GATEWAY_JAR:-$ROOT/target/encharge-gateway.jar}   # GATEWAY_JAR: compare another build
RESULTS_FILE=${RESULTS_FILE:-$BENCH/RESULTS.md}
LAST_RUN=$BENCH/last-run           # logs of the last run (*.log, ignored by git)

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

for tool in java wrk python3 curl; do
  command -v "$tool" >/dev/null || die "$tool is missing${tool/wrk/ (apt-get install -y wrk)}"
done
port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
for port in $GATEWAY_PORT $SIMULATOR_PORT; do
  port_in_use "$port" && die "port $port is in use on $HOST: stop what listens there first"
done

if [[ ! -f $JAR && -z ${GATEWAY_JAR:-} ]]; then
  log "building $JAR"
  (cd "$ROOT" && timeout 1200 mvn -B -q package -DskipTests -Dbuild.dir="$ROOT/target") || die "build failed"
fi

# other work on the machine skews the numbers: record the load before this script adds its own
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
[[ -f $JAR ]] || die "no jar at $JAR"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/encharge-bench.XXXXXX")
GATEWAY_PID=
SIMULATOR_PID=
mkdir -p "$LAST_RUN"
rm -f "$LAST_RUN"/*.log

# Stops a process we started: TERM, then KILL after a bounded wait. Sets STOPPED (how, how long).
STOPPED=
stop_process() {
  local pid=$1 name=$2 seconds=$3 started=$EPOCHREALTIME status=0
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for (( i = 0; i < seconds * 10; i++ )); do
    if ! kill -0 "$pid" 2>/dev/null; then
      wait "$pid" 2>/dev/null || status=$?
      STOPPED=$(awk -v a="$started" -v b="$EPOCHREALTIME" -v s="$status" \
        'BEGIN { printf "exited %.1f s after SIGTERM with status %d%s", b - a, s, (s == 143 ? " (normal JVM exit on SIGTERM)" : "") }')
      return 0
    fi
    sleep 0.1
  done
  log "$name did not stop within ${seconds}s: killing it"
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  STOPPED="did NOT exit within ${seconds}s of SIGTERM: killed"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_process "$GATEWAY_PID" gateway 40
  stop_process "$SIMULATOR_PID" simulator 15
  # The embedded postmaster is a separate process; the gateway stops it when it exits cleanly.
  local pidfile=$WORK/data/postgres/postmaster.pid
  if [[ -f $pidfile ]]; then
    stop_process "$(head -1 "$pidfile")" "embedded PostgreSQL" 15
  fi
  cp "$WORK"/*.log "$LAST_RUN"/ 2>/dev/null || true
  if [[ ${KEEP_WORK:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits (bounded) until URL answers 2xx, failing early when PID died.
wait_for() {
  local url=$1 pid=$2 name=$3 seconds=$4 header=${5:-X-None: 1}
  local deadline=$(( SECONDS + seconds ))
  until curl -sf -o /dev/null -m 2 -H "$header" "$url"; do
    kill -0 "$pid" 2>/dev/null || die "$name exited; see $LAST_RUN/$name.log"
    (( SECONDS < deadline )) || die "$name not ready after ${seconds}s"
    sleep 0.5
  done
}

# --- (b) the Encharge simulator
log "starting the Encharge simulator on $HOST:$SIMULATOR_PORT with $CONTACTS contacts, ${SIMULATOR_LATENCY_MS} ms latency"
LOG_LEVEL=WARN ACCESS_LOG_LEVEL=WARN java -jar "$JAR" simulate-encharge --port "$SIMULATOR_PORT" --contacts "$CONTACTS" \
  --random-seed 42 --api-key "$API_KEY" --latency-ms "$SIMULATOR_LATENCY_MS" >"$WORK/simulator.log" 2>&1 &
SIMULATOR_PID=$!
wait_for "$API/people/all?limit=1&offset=0" "$SIMULATOR_PID" simulator 60 "X-Encharge-Token: $API_KEY"

# --- (c) the gateway: embedded PostgreSQL in a fresh DATA_DIR. LOG_LEVEL=WARN silences the
# per-webhook lines, ACCESS_LOG_LEVEL=WARN the per-request access log (logback-levels.xml)
log "starting the gateway on $HOST:$GATEWAY_PORT (BCRYPT_COST=$BCRYPT_COST)"
# shellcheck disable=SC2086
env -u DATABASE_URL \
  HTTP_PORT=$GATEWAY_PORT DATA_DIR="$WORK/data" CONFIG_FILE="$ROOT/conf/config.yaml" \
  ENCHARGE_API_URL="$API" ENCHARGE_API_KEY="$API_KEY" GATEWAY_ACCESS_KEY="$ACCESS_KEY" \
  ADMIN_TOKEN="$ADMIN_TOKEN" BCRYPT_COST="$BCRYPT_COST" LOG_LEVEL=WARN ACCESS_LOG_LEVEL=WARN LOG_FORMAT=text \
  java ${GATEWAY_JAVA_OPTS:-} -jar "$JAR" serve >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
wait_for "$GATEWAY/health/ready" "$GATEWAY_PID" gateway 180
log "gateway ready"

# --- (d) contact ids, from the simulator's /people/all
python3 "$BENCH/contact_ids.py" "$API" "$API_KEY" "$WORK/contacts.txt" >"$WORK/contacts.log"
total=$(wc -l <"$WORK/contacts.txt")
(( total > SEED_USERS )) || die "only $total contacts for $SEED_USERS seeded users"
head -n "$SEED_USERS" "$WORK/contacts.txt" >"$WORK/seeded.txt"
tail -n +"$(( SEED_USERS + 1 ))" "$WORK/contacts.txt" >"$WORK/new.txt"
log "$total contacts: $SEED_USERS to seed, $(wc -l <"$WORK/new.txt") left for the add-new phase"

# --- (e) seed users: one add per contact, bcrypt-bound
log "seeding $SEED_USERS users ($SEED_CONCURRENCY at a time)"
seed_status=0
python3 "$BENCH/seed.py" "$GATEWAY" "$ACCESS_KEY" "$WORK/seeded.txt" "$SEED_CONCURRENCY" "$SEED_TIMEOUT_S" \
  >"$WORK/seed.log" 2>&1 || seed_status=$?
cat "$WORK/seed.log" >&2
SEED_LINE=$(grep '^SEED ' "$WORK/seed.log" || echo "SEED (no summary: seed.py status $seed_status)")

# --- (f) wrk phases
field() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<"$2"; }
ROWS=()
DETAILS=()
phase() {
  local label=$1 action=$2 ids=$3 mode=$4 seconds=$5 out
  out=$WORK/wrk-${label// /-}.log
  log "phase '$label': ${seconds}s, $CONNECTIONS connections"
  timeout $(( seconds + 90 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 30s --latency \
    -s "$BENCH/webhook.lua" "$GATEWAY" -- "$action" "$ids" "$ACCESS_KEY" "$mode" "$THREADS" >"$out" 2>&1 || true
  local line sample
  line=$(grep '^BENCH ' "$out" || true)
  sample=$(sed -n 's/^BENCH_SAMPLE_FAILURE //p' "$out")
  [[ -n $line ]] || { ROWS+=("| $label | wrk failed, see $LAST_RUN | | | | | |"); return 0; }
  local non2xx not_success sockets errors rps
  non2xx=$(field non2xx "$line"); not_success=$(field not_success "$line")
  sockets=$(( $(field connect "$line") + $(field read "$line") + $(field write "$line") + $(field timeout "$line") ))
  errors=$(( non2xx + not_success + sockets ))
  rps=$(field rps "$line")
  ROWS+=("| $label | $(field requests "$line") | $rps | $(field p50_ms "$line") | $(field p99_ms "$line") | $errors | $(awk -v r="$rps" -v b="${BASELINE[$action]}" 'BEGIN { x = r / b; printf (x < 10 ? "%.1fx" : "%.0fx"), x }') |")
  DETAILS+=("- $label: non-2xx $non2xx, 2xx without \`success:true\` $not_success, socket errors $sockets (timeouts $(field timeout "$line")), users created $(field created "$line"), p90 $(field p90_ms "$line") ms, max $(field max_ms "$line") ms${sample:+; first failure: \`$sample\`}")
  if [[ $mode == once && $(field wrapped "$line") != 0 ]]; then
    DETAILS+=("  - ran out of new contacts: $(field wrapped "$line") requests re-sent known ids")
  fi
  kill -0 "$GATEWAY_PID" 2>/dev/null || die "the gateway died during phase '$label'; see $LAST_RUN/gateway.log"
  sleep 2   # let the webhook log batches flush between phases
}

if (( WARMUP_SECONDS > 0 )); then
  log "warm-up: update_tags for ${WARMUP_SECONDS}s (not reported)"
  timeout $(( WARMUP_SECONDS + 60 )) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" --timeout 30s \
    -s "$BENCH/webhook.lua" "$GATEWAY" -- update_tags "$WORK/seeded.txt" "$ACCESS_KEY" cycle "$THREADS" \
    >"$WORK/wrk-warmup.log" 2>&1 || true
fi
phase "update_tags" update_tags "$WORK/seeded.txt" cycle "$PHASE_SECONDS"
phase "update" update "$WORK/seeded.txt" cycle "$PHASE_SECONDS"
phase "add (existing users)" add "$WORK/seeded.txt" cycle "$PHASE_SECONDS"
phase "add (new users, bcrypt)" add "$WORK/new.txt" once "$NEW_USERS_SECONDS"

# --- sanity: a seeded contact has its user; the gateway's own view of the run
probe=$(head -1 "$WORK/seeded.txt")
if curl -sf -m 5 -H "Authorization: Bearer $ADMIN_TOKEN" "$GATEWAY/api/users?contact_id=$probe" | grep -q "$probe"; then
  SANITY="admin API finds the user of seeded contact $probe"
else
  SANITY="admin API does NOT find a user for seeded contact $probe"
fi
curl -sf -m 5 "$GATEWAY/metrics" >"$WORK/metrics.log" || true
cpu_seconds() { ps -o times= -p "$1" 2>/dev/null | tr -d ' ' || echo '?'; }
CPU_USED="CPU seconds used: gateway $(cpu_seconds "$GATEWAY_PID"), simulator $(cpu_seconds "$SIMULATOR_PID")"
# stop the gateway now, so that its shutdown is part of the report (its log, how long it took)
stop_process "$GATEWAY_PID" gateway 40
GATEWAY_STOP="gateway $STOPPED"
GATEWAY_PID=
errors_logged=$(grep -c ' ERROR ' "$WORK/gateway.log" || true)
warns_logged=$(grep -c ' WARN ' "$WORK/gateway.log" || true)
# exception class names anywhere in the log (also stack traces printed outside logback, on stderr)
exceptions=$(grep -v '^[0-9:,]* |-' "$WORK/gateway.log" | grep -oE '[A-Za-z0-9_.$]+(Exception|Error)\b' \
  | sort | uniq -c | sort -rn | head -5 \
  | awk '{ printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1 }' || true)

# --- (g) the report
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
report=$(
  echo "## $(date -u '+%Y-%m-%d %H:%M UTC') -- commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')${GATEWAY_JAR:+, jar $GATEWAY_JAR}"
  echo
  echo "\`bench/run.sh $PHASE_SECONDS $CONNECTIONS\`: wrk -t$THREADS -c$CONNECTIONS, ${PHASE_SECONDS}s per phase" \
       "(add of new users ${NEW_USERS_SECONDS}s, after a ${WARMUP_SECONDS}s warm-up), BCRYPT_COST=$BCRYPT_COST," \
       "$SEED_USERS seeded users of $total simulated contacts (simulator latency ${SIMULATOR_LATENCY_MS} ms)," \
       "embedded PostgreSQL, all on loopback."
  echo
  echo "| phase | requests | req/s | p50 ms | p99 ms | errors | vs WP Fusion |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
  echo
  printf '%s\n' "${DETAILS[@]}"
  echo "- seeding (seed.py, $SEED_CONCURRENCY concurrent adds of new users): ${SEED_LINE#SEED }"
  echo "- $SANITY; gateway log: $errors_logged ERROR and $warns_logged WARN lines${exceptions:+ ($exceptions)}"
  echo "- $CPU_USED (PostgreSQL and wrk not counted); $GATEWAY_STOP"
  echo
  echo "Machine: $(nproc) cores, $cpu; memory (free -g): $(free -g | awk '/^Mem:/ { print $2 " GiB total, " $7 " GiB available" }');" \
       "$(java -version 2>&1 | head -1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)." \
       "Gateway, simulator, PostgreSQL and wrk share the cores. Load average (1/5/15 min)" \
       "when the script started: $LOAD_BEFORE."
  echo
)
echo
echo "$report"
[[ -f $RESULTS_FILE ]] || printf '# Benchmark results\n\nAppended by `bench/run.sh`; newest last. See README.md for how to read them.\n\n' >"$RESULTS_FILE"
printf '%s\n\n' "$report" >>"$RESULTS_FILE"
log "appended to $RESULTS_FILE; logs in $LAST_RUN"

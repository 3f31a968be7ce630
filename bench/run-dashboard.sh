#!/usr/bin/env bash
# The dashboard under steady traffic: the generated 600-event topology (the reconciler's scale
# test's) on a vhost of its own (see below for what is applied), `bloodbank dashboard` serving it with the page open in
# headless Chromium, RATE events a second (default 40) of random keys. After a warm-up, the
# dashboard process's CPU (from /proc, over SECONDS) and heap after a full GC (jcmd), and the
# API's answer times for the views the page polls, and the page's own figures: how long the graph
# takes to hold every key, and its main thread's long tasks and timer waits while it polls
# (bench/PageResponsiveness.java). The vhost is deleted at the end.
#
#   ./bench/run-dashboard.sh            # 40/s, 60 s measured
#   ./bench/run-dashboard.sh 40 120 180   # 120 s measured after 180 s of warm-up (default 30)
#   BLOODBANK_JAVA_OPTS='-Xmx256m -XX:StartFlightRecording=filename=/tmp/d.jfr' ./bench/run-dashboard.sh
#                                       # other JVM flags than the launcher's (here, with a profile)
#
# The dashboard runs as users run it, through ./bloodbank with the launcher's JVM flags.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-40}
seconds=${2:-60}
warmup=${3:-30}
amqp=${BLOODBANK_AMQP_URL:-amqp://guest:guest@localhost:5672}
mgmt=${BLOODBANK_MANAGEMENT_URL:-http://localhost:15672}
userinfo=$(sed -E 's#^amqps?://([^@/]*)@.*#\1#' <<<"$amqp"); [[ $userinfo == "$amqp" ]] && userinfo=guest:guest
base=${amqp%%@*}@$(sed -E 's#^amqps?://([^@]*@)?([^/]*).*#\2#' <<<"$amqp")
vhost=bloodbank-dashboard-$RANDOM$RANDOM
out=bench-results/dashboard
rm -rf "$out" && mkdir -p "$out"
jar=bloodbank-cli/target/bloodbank.jar

./bloodbank --version >/dev/null          # builds the jar when stale
mvn -B -q -o -pl bloodbank-dsl test-compile >&2
large=$out/topology.yaml
java -cp "bloodbank-dsl/target/test-classes:$jar" bench/WriteLargeTopology.java "$large"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  curl -sS -m 120 -u "$userinfo" -X DELETE "$mgmt/api/vhosts/$vhost" >/dev/null || true
}
curl -fsS -m 120 -u "$userinfo" -X PUT "$mgmt/api/vhosts/$vhost" >/dev/null
trap cleanup EXIT
export BLOODBANK_AMQP_URL="$base/$vhost" BLOODBANK_MANAGEMENT_URL="$mgmt"
# The 600-key topology's queues need more file handles than a broker at the default limit of 1024
# has (apply refuses it); then the sample topology gives the vhost the same exchanges and the
# archive, which is what the per-key figures and the event browser read, and the page shows the
# large topology's queues as not applied.
if ./bloodbank apply -f "$large" >"$out/apply.txt" 2>&1; then
  applied="the 600-event topology"
else
  ./bloodbank apply -f topology.yaml >/dev/null
  applied="the sample topology (the broker refused the 600-event one: $(grep -m1 refused "$out/apply.txt" | cut -c1-120))"
fi

port=$((20000 + RANDOM % 20000))
./bloodbank dashboard -f "$large" --port "$port" >"$out/dashboard.out" 2>&1 &
dashboard=$!; pids+=("$dashboard")
for _ in $(seq 100); do grep -q "open" "$out/dashboard.out" && break; sleep 0.2; done
url=$(awk '/open/ {print $2}' "$out/dashboard.out")

java -cp "$jar" bench/SteadyTraffic.java "$large" "$BLOODBANK_AMQP_URL" "$rate" $((warmup + seconds + 10)) &
pids+=("$!")
# The page, open in headless Chromium through Selenium (the dashboard tests' classpath), which also
# measures it: the graph's first render of every key, then its main thread while it polls.
mvn -B -q -pl bloodbank-cli -am test-compile org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$out/cp.txt" >&2
java -cp "$(cat "$out/cp.txt")" bench/PageResponsiveness.java "$url" 720 $((warmup + seconds - 5)) "$out/profile" \
  >"$out/page.txt" 2>"$out/page.err" &
page=$!; pids+=("$page")

sleep "$warmup"
ticks() { awk '{print $14 + $15}' "/proc/$dashboard/stat"; }
# Per thread (name as the kernel keeps it, 15 characters): where the CPU goes, GC and JIT included.
thread_ticks() { for t in /proc/$dashboard/task/*; do
  sed -E 's/^[0-9]+ \((.*)\) .*/\1/' "$t/stat" | tr ' ' '_' | tr '\n' ' '
  sed -E 's/^.*\) //' "$t/stat" | awk '{print $12 + $13}'; done; }
hz=$(getconf CLK_TCK)
t0=$(ticks); s0=$(date +%s.%N); thread_ticks >"$out/threads0.txt"
sleep "$seconds"
t1=$(ticks); s1=$(date +%s.%N); thread_ticks >"$out/threads1.txt"
cpu=$(awk -v a="$t0" -v b="$t1" -v s="$s0" -v e="$s1" -v hz="$hz" 'BEGIN {printf "%.2f", (b - a) / hz / (e - s) * 100}')
# The heap's used bytes: G1's one line, or the serial collector's young and old generations together.
heap_used() { jcmd "$dashboard" GC.heap_info | awk '/generation|garbage-first heap/ {for (i = 1; i < NF; i++) if ($i == "used") {v = $(i+1); sub(/K,?$/, "", v); kb += v}} END {printf "%.1f MB", kb / 1024}'; }
used_before=$(heap_used)
jcmd "$dashboard" GC.run >/dev/null
used_after=$(heap_used)
api() { curl -s -o /dev/null -w "%{time_total} %{size_download}" "http://127.0.0.1:$port$1"; }
keys=$(curl -s "http://127.0.0.1:$port/api/keys" | grep -o '"key":' | wc -l)
{
  echo "rate ${rate}/s, ${seconds} s measured after ${warmup} s, 600-event topology, page open; applied: $applied"
  echo "dashboard CPU        ${cpu} % of one core"
  echo "by thread (% of one core, the busiest):"
  awk -v s="$s0" -v e="$s1" -v hz="$hz" 'NR==FNR {a[$1]+=$2; next} {b[$1]+=$2} END {for (k in b) printf "  %-18s %5.2f\n", k, (b[k]-a[k]) / hz / (e - s) * 100}' \
    "$out/threads0.txt" "$out/threads1.txt" | sort -k2 -nr | head -12
  echo "heap used            ${used_before} before a full GC, ${used_after} after (max heap $(jcmd "$dashboard" VM.flags | grep -o -- '-XX:MaxHeapSize=[0-9]*' | awk -F= '{printf "%d MB", $2 / 1048576}'))"
  echo "keys with figures    ${keys}"
  echo "GET /api/keys        $(api /api/keys) (s, bytes)"
  echo "GET /api/events      $(api '/api/events?limit=100') (s, bytes)"
  echo "GET /api/topology    $(api /api/topology) (s, bytes)"
  echo "GET /api/flow        $(api /api/flow) (s, bytes)"
} | tee "$out/report.txt"
wait "$page" || { echo "the page measurement failed:" >&2; cat "$out/page.err" >&2; exit 1; }
cat "$out/page.txt" | tee -a "$out/report.txt"

#!/usr/bin/env bash
# docs/dashboard.png: the sample topology applied to a vhost of its own, RATE events a second
# (default 40) of its keys for a minute (no consumers), then the page as headless Chromium renders it,
# its top 2000 pixels with a 256-colour palette so the file stays small. The vhost is deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:-40}
amqp=${BLOODBANK_AMQP_URL:-amqp://guest:guest@localhost:5672}
mgmt=${BLOODBANK_MANAGEMENT_URL:-http://localhost:15672}
userinfo=$(sed -E 's#^amqps?://([^@/]*)@.*#\1#' <<<"$amqp"); [[ $userinfo == "$amqp" ]] && userinfo=guest:guest
base=${amqp%%@*}@$(sed -E 's#^amqps?://([^@]*@)?([^/]*).*#\2#' <<<"$amqp")
vhost=bloodbank-screenshot-$RANDOM$RANDOM
out=bench-results/screenshot
rm -rf "$out" && mkdir -p "$out"
jar=bloodbank-cli/target/bloodbank.jar
./bloodbank --version >/dev/null

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  curl -sS -m 120 -u "$userinfo" -X DELETE "$mgmt/api/vhosts/$vhost" >/dev/null || true
}
curl -fsS -m 120 -u "$userinfo" -X PUT "$mgmt/api/vhosts/$vhost" >/dev/null
trap cleanup EXIT
export BLOODBANK_AMQP_URL="$base/$vhost" BLOODBANK_MANAGEMENT_URL="$mgmt"
./bloodbank apply -f topology.yaml >/dev/null

port=$((20000 + RANDOM % 20000))
java -jar "$jar" dashboard -f topology.yaml --port "$port" >"$out/dashboard.out" 2>&1 &
pids+=("$!")
for _ in $(seq 100); do grep -q "open" "$out/dashboard.out" && break; sleep 0.2; done
url=$(awk '/open/ {print $2}' "$out/dashboard.out")
java -cp "$jar" bench/SteadyTraffic.java topology.yaml "$BLOODBANK_AMQP_URL" "$rate" 70 &
traffic=$!; pids+=("$traffic")
wait "$traffic"
chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars \
  --user-data-dir="$out/profile" --window-size=1400,2600 --virtual-time-budget=6000 \
  --screenshot="$out/page.png" "$url" >/dev/null 2>&1
java bench/ShrinkPng.java "$out/page.png" docs/dashboard.png 2000
ls -l docs/dashboard.png

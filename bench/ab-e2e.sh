#!/usr/bin/env bash
# A/B of two builds end to end, Bloodbank client only, in one run: A, B, A, B …, each run a fresh
# JVM with its own warm-up and vhost; then the median of each side and B / A, in DIR/summary.json
# and DIR/summary.txt.
#
#   ./bench/ab-e2e.sh BEFORE.jar AFTER.jar                # 3 rounds of 30000 messages after a 30000 warm-up
#   ./bench/ab-e2e.sh BEFORE.jar AFTER.jar 5 50000        # rounds, messages (the warm-up is as many)
#
# Extra EndToEnd options come from AB_E2E_OPTS (e.g. "--queue-type classic"). Results go to
# bench-results/ab-e2e (AB_OUT to change).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { sed -n '2,10p' "$0" >&2; exit 2; }
a=$1 b=$2 rounds=${3:-3} messages=${4:-30000}
out=${AB_OUT:-bench-results/ab-e2e}
rm -rf "$out" && mkdir -p "$out"
for ((r = 1; r <= rounds; r++)); do
  for side in A B; do
    jar=$a; [[ $side == B ]] && jar=$b
    echo "$side-$r $(cut -d' ' -f1 /proc/loadavg)" >> "$out/load.txt"
    echo "== round $r, $side: $jar (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    # shellcheck disable=SC2086
    java -Xms1g -Xmx1g -cp "$jar" dev.bloodbank.bench.EndToEnd --clients bloodbank --rounds 1 \
      --messages "$messages" --warmup "$messages" --out "$out/$side-$r.json" ${AB_E2E_OPTS:-} > "$out/$side-$r.log" 2>&1 \
      || { echo "run $side-$r failed: $out/$side-$r.log" >&2; tail -5 "$out/$side-$r.log" >&2; exit 1; }
  done
done
java -cp "$b" dev.bloodbank.bench.AbReport e2e "$out"

#!/usr/bin/env bash
# A/B of two builds on the JMH hot path, in one run: A, B, A, B … so that the machine's drift hits
# both; then the median of each side and B / A, in DIR/summary.json and DIR/summary.txt.
#
#   ./bench/ab-jmh.sh BEFORE.jar AFTER.jar                      # validation, publish and delivery paths, 2 rounds
#   ./bench/ab-jmh.sh BEFORE.jar AFTER.jar 'encode|decode' 3    # any JMH regex, 3 rounds
#
# Each jar is a bloodbank-bench/target/benchmarks.jar (build one per commit and copy it away).
# Results go to bench-results/ab-jmh (AB_OUT to change).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { sed -n '2,9p' "$0" >&2; exit 2; }
a=$1 b=$2 regex=${3:-'HotPathBenchmark\.(validatePayload|publishPath|consumePath)$'} rounds=${4:-2}
out=${AB_OUT:-bench-results/ab-jmh}
rm -rf "$out" && mkdir -p "$out"
for ((r = 1; r <= rounds; r++)); do
  for side in A B; do
    jar=$a; [[ $side == B ]] && jar=$b
    echo "$side-$r $(cut -d' ' -f1 /proc/loadavg)" >> "$out/load.txt"
    echo "== round $r, $side: $jar (load average $(cut -d' ' -f1 /proc/loadavg))" >&2
    java -jar "$jar" "$regex" -f 1 -wi 3 -w 2 -i 5 -r 2 -prof gc -rf json -rff "$out/$side-$r.json" > "$out/$side-$r.log" 2>&1
  done
done
java -cp "$b" dev.bloodbank.bench.AbReport jmh "$out"

#!/usr/bin/env bash
# CLI start-up, as whole processes: `bloodbank list-events` (sample catalog) and a no-op
# `bloodbank plan` of the generated 600-event topology (the reconciler's scale test's), each with
# and without the class data sharing archive, alternating, RUNS counted runs after one warm-up.
# Wall and CPU seconds from /usr/bin/time; medians in bench-results/startup.json and .txt.
#
#   ./bench/run-startup.sh        # 5 runs of each
#   ./bench/run-startup.sh 9
#
# The plan needs the broker of $BLOODBANK_AMQP_URL / $BLOODBANK_MANAGEMENT_URL (default guest on
# localhost): the topology is applied to a vhost of its own, deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
out=bench-results/startup
rm -rf "$out" && mkdir -p "$out"
amqp=${BLOODBANK_AMQP_URL:-amqp://guest:guest@localhost:5672}
mgmt=${BLOODBANK_MANAGEMENT_URL:-http://localhost:15672}
userinfo=$(sed -E 's#^amqps?://([^@/]*)@.*#\1#' <<<"$amqp"); [[ $userinfo == "$amqp" ]] && userinfo=guest:guest
base=${amqp%%@*}@$(sed -E 's#^amqps?://([^@]*@)?([^/]*).*#\2#' <<<"$amqp")
vhost=bloodbank-startup-$RANDOM$RANDOM

./bloodbank --version >/dev/null          # builds the jar and its archive when stale
mvn -B -q -o -pl bloodbank-broker -am test-compile >&2
large=$out/topology.yaml
java -cp "bloodbank-broker/target/test-classes:bloodbank-cli/target/bloodbank.jar" bench/WriteLargeTopology.java "$large"

curl -fsS -m 120 -u "$userinfo" -X PUT "$mgmt/api/vhosts/$vhost" >/dev/null
trap 'curl -sS -m 120 -u "$userinfo" -X DELETE "$mgmt/api/vhosts/$vhost" >/dev/null || true' EXIT
export BLOODBANK_AMQP_URL="$base/$vhost" BLOODBANK_MANAGEMENT_URL="$mgmt"
./bloodbank apply -f "$large" >/dev/null

# one timed run: appends "wall user sys" to FILE
timed() { local file=$1; shift; /usr/bin/time -f "%e %U %S" -a -o "$file" "$@" >/dev/null 2>&1 || true; }
median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }

declare -A cmds=(
  [list-events]="./bloodbank list-events"
  [plan-600]="./bloodbank plan -f $large"
)
{
  echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores, $(java -version 2>&1 | head -1)"
  printf '%-12s %-8s %10s %10s\n' command archive "wall s" "cpu s"
} > "$out/../startup.txt"
json="{\"runs\": $runs, \"loadAverageAtStart\": \"$(cut -d' ' -f1 /proc/loadavg)\", \"medians\": {"
first=1
for name in list-events plan-600; do
  for ((i = 0; i <= runs; i++)); do       # run 0 is the warm-up
    for cds in 1 0; do
      f="$out/$name-cds$cds.times"; [[ $i == 0 ]] && f=/dev/null
      BLOODBANK_CDS=$cds timed "$f" ${cmds[$name]}
    done
  done
  for cds in 1 0; do
    f="$out/$name-cds$cds.times"
    wall=$(awk '{print $1}' "$f" | median); cpu=$(awk '{print $2 + $3}' "$f" | median)
    label=$([[ $cds == 1 ]] && echo with || echo without)
    printf '%-12s %-8s %10s %10s\n' "$name" "$label" "$wall" "$cpu" >> "$out/../startup.txt"
    [[ $first == 1 ]] || json+=", "; first=0
    json+="\"$name $label archive\": {\"wallSeconds\": $wall, \"cpuSeconds\": $cpu}"
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/../startup.txt"
echo "$json}, \"loadAverageAtEnd\": \"$(cut -d' ' -f1 /proc/loadavg)\"}" > "$out/../startup.json"
cat "$out/../startup.txt"

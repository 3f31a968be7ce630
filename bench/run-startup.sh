#!/usr/bin/env bash
# CLI start-up, as whole processes, in one report: `bloodbank list-events` (sample catalog),
# `list-events` and `validate` of the generated 600-event topology (the loader's scale test's:
# 600 events and 120 commands, each with a schema of its own and an example), and a `plan` of it,
# each with and without the class archive (the launcher's: ahead-of-time cache on JDK 25, CDS on 17), alternating, RUNS counted runs after one
# warm-up. The CLI keeps the YAML documents it composed (ComposeCache, under ~/.cache/bloodbank):
# the warm-up run composes the topology, the counted runs read it back; the plan is also timed
# with that cache off (BLOODBANK_CACHE=0), as a first run on a new file would be. Wall and CPU seconds from /usr/bin/time; medians, the machine and the load average in
# bench-results/startup.txt and .json, every run's figures in bench-results/startup/.
#
#   ./bench/run-startup.sh        # 5 runs of each
#   ./bench/run-startup.sh 9
#
# The plan needs the broker of $BLOODBANK_AMQP_URL / $BLOODBANK_MANAGEMENT_URL (default guest on
# localhost) and a vhost of its own, deleted at the end. The topology is applied there first so
# that the plan is a no-op; a broker that refuses it (apply's file-handle check: 240 consumers'
# queues) gets the plan of the whole topology against the empty vhost instead, and the report
# says which was measured.
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
mvn -B -q -o -pl bloodbank-dsl test-compile >&2
large=$out/topology.yaml
java -cp "bloodbank-dsl/target/test-classes:bloodbank-cli/target/bloodbank.jar" bench/WriteLargeTopology.java "$large"

curl -fsS -m 120 -u "$userinfo" -X PUT "$mgmt/api/vhosts/$vhost" >/dev/null
trap 'curl -sS -m 120 -u "$userinfo" -X DELETE "$mgmt/api/vhosts/$vhost" >/dev/null || true' EXIT
export BLOODBANK_AMQP_URL="$base/$vhost" BLOODBANK_MANAGEMENT_URL="$mgmt"
if ./bloodbank apply -f "$large" >"$out/apply.txt" 2>&1; then
  plan=plan-600-noop; plan_note="no-op plan: the topology was applied to the vhost first"
else
  plan=plan-600-all; plan_note="plan of the whole topology against an empty vhost: apply was refused ($(grep -m1 'refused' "$out/apply.txt" | cut -c1-160))"
fi

# The broker keeps working for a while after an apply of 720 quorum queues (leader elections, their
# logs), on the cores the timed runs share: wait until the machine is quiet (at least 85% idle over a
# second), at most 90 s, and say how long that took.
idle_share() {
  local a b; a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
  local total=0 i; for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $(( (b[4] - a[4] + b[5] - a[5]) * 100 / (total > 0 ? total : 1) ))
}
settled=0
while (( settled < 90 )) && (( $(idle_share) < 85 )); do settled=$((settled + 1)); done
plan_note+="; waited ${settled} s for the machine to be quiet after it"

# one timed run: appends "wall user sys exit" to FILE
timed() { local file=$1; shift; /usr/bin/time -f "%e %U %S %x" -a -o "$file" "$@" >/dev/null 2>&1 || true; }
median() { sort -n | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else printf "%.3f\n", (v[NR/2]+v[NR/2+1])/2}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

names=(list-events list-events-600 "$plan" "$plan-uncached" validate-600)
declare -A cmds=(
  [list-events]="./bloodbank list-events"
  [list-events-600]="./bloodbank list-events -f $large"
  [$plan]="./bloodbank plan -f $large"
  [$plan-uncached]="env BLOODBANK_CACHE=0 ./bloodbank plan -f $large"
  [validate-600]="./bloodbank validate -f $large"
)
txt=$out/../startup.txt
{
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB; the CLI's JVM: $(./bloodbank --version | tail -1)"
  echo "load average at the start: $(load)"
  echo "runs: $runs counted after 1 warm-up, with and without the archive alternating; medians"
  echo "$plan: $plan_note"
  printf '%-22s %-8s %8s %8s %6s %s\n' command archive "wall s" "cpu s" exit "load average before"
} > "$txt"
json="{\"runs\": $runs, \"cores\": $(nproc), \"jvm\": \"$(./bloodbank --version | tail -1)\", \"loadAverageAtStart\": \"$(load)\", \"plan\": \"$plan_note\", \"medians\": {"
first=1
for name in "${names[@]}"; do
  before=$(load)
  for ((i = 0; i <= runs; i++)); do       # run 0 is the warm-up
    for cds in 1 0; do
      f="$out/$name-cds$cds.times"; [[ $i == 0 ]] && f=/dev/null
      BLOODBANK_CDS=$cds timed "$f" ${cmds[$name]}
    done
  done
  for cds in 1 0; do
    f="$out/$name-cds$cds.times"
    wall=$(awk '{print $1}' "$f" | median); cpu=$(awk '{print $2 + $3}' "$f" | median)
    exits=$(awk '{print $4}' "$f" | sort -u | paste -sd/)
    label=$([[ $cds == 1 ]] && echo with || echo without)
    printf '%-22s %-8s %8s %8s %6s %s\n' "$name" "$label" "$wall" "$cpu" "$exits" "$before" >> "$txt"
    [[ $first == 1 ]] || json+=", "; first=0
    json+="\"$name $label archive\": {\"wallSeconds\": $wall, \"cpuSeconds\": $cpu, \"exit\": \"$exits\", \"loadAverageBefore\": \"$before\"}"
  done
done
noop=$(awk -v p="$plan" '$1 == p && $2 == "with" {print $3}' "$txt")
list=$(awk '$1 == "list-events" && $2 == "with" {print $3}' "$txt")
{
  echo "load average at the end: $(load)"
  echo "goals (with the archive): list-events ${list} s (<= 0.5: $(awk -v v="$list" 'BEGIN {print (v <= 0.5 ? "met" : "NOT met")}'))," \
       "$plan ${noop} s (<= 1.0: $(awk -v v="$noop" 'BEGIN {print (v <= 1.0 ? "met" : "NOT met")}'))"
} >> "$txt"
echo "$json}, \"loadAverageAtEnd\": \"$(load)\"}" > "$out/../startup.json"
cat "$txt"

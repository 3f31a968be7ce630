#!/usr/bin/env bash
# The JMH micro-benchmarks of the per-message hot path, each beside its plain Jackson baseline.
#
#   ./bench/run-jmh.sh                 # every benchmark, results in bench-results/jmh.json
#   ./bench/run-jmh.sh 'encode|decode' # a subset (JMH regex); any other JMH option works too
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bloodbank-bench/target/benchmarks.jar
if [[ ! -f $jar ]] || [[ -n $(find pom.xml bloodbank-*/pom.xml bloodbank-*/src/main -newer "$jar" -type f -print -quit) ]]; then
  echo "building $jar ..." >&2
  mvn -B -q -pl bloodbank-bench -am package -DskipTests >&2
fi
mkdir -p bench-results
exec java -jar "$jar" -rf json -rff bench-results/jmh.json "$@"

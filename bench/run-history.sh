#!/usr/bin/env bash
# The archive's benchmark: end-to-end throughput with the archive off and on, a replay of 100,000
# archived events, and a trace over them. Each part runs in a vhost of its own, deleted afterwards.
#
#   ./bench/run-history.sh                       # results in bench-results/history.json
#   ./bench/run-history.sh --events 20000 --messages 10000 --rounds 1
#
# The broker comes from $BLOODBANK_AMQP_URL / $BLOODBANK_MANAGEMENT_URL (default: guest on localhost).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bloodbank-bench/target/benchmarks.jar
if [[ ! -f $jar ]] || [[ -n $(find pom.xml bloodbank-*/pom.xml bloodbank-*/src/main -newer "$jar" -type f -print -quit) ]]; then
  echo "building $jar ..." >&2
  mvn -B -q -pl bloodbank-bench -am package -DskipTests >&2
fi
exec java -Xms512m -Xmx512m -cp "$jar" dev.bloodbank.bench.HistoryBenchmark "$@"

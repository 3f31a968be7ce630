#!/usr/bin/env bash
# The end-to-end benchmark: plain amqp-client against Bloodbank on the same broker, in a vhost of
# its own. Builds the benchmarks jar when it is missing or older than any source, then runs it.
#
#   ./bench/run-e2e.sh                          # 50000 messages x 3 rounds, results in bench-results/e2e.json
#   ./bench/run-e2e.sh --messages 20000 --queue-type classic
#   ./bench/run-e2e.sh --help
#
# The broker comes from $BLOODBANK_AMQP_URL / $BLOODBANK_MANAGEMENT_URL (default: guest on localhost).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bloodbank-bench/target/benchmarks.jar
if [[ ! -f $jar ]] || [[ -n $(find pom.xml bloodbank-*/pom.xml bloodbank-*/src/main -newer "$jar" -type f -print -quit) ]]; then
  echo "building $jar ..." >&2
  mvn -B -q -pl bloodbank-bench -am package -DskipTests >&2
fi
exec java -Xms1g -Xmx1g -cp "$jar" dev.bloodbank.bench.EndToEnd "$@"

#!/usr/bin/env bash
# The official JSON-Schema-Test-Suite (draft 7) against everit, networknt, dev.harrel and
# Bloodbank's own MessageSchema: pass rates in bench-results/schema-suite.json and .txt.
#
#   ./bench/run-schema-suite.sh              # clones the suite at a fixed commit into bench-results/
#   ./bench/run-schema-suite.sh SUITE_DIR    # a copy you already have (it holds tests/draft7)
set -euo pipefail
cd "$(dirname "$0")/.."
suite=${1:-bench-results/JSON-Schema-Test-Suite}
commit=44401e0c046704b476ec9d2e2fccdaee618f259d
if [[ ! -d $suite/tests/draft7 ]]; then
  git clone -q https://github.com/json-schema-org/JSON-Schema-Test-Suite.git "$suite"
  git -C "$suite" checkout -q "$commit"
fi
jar=bloodbank-bench/target/benchmarks.jar
if [[ ! -f $jar ]] || [[ -n $(find pom.xml bloodbank-*/pom.xml bloodbank-*/src/main -newer "$jar" -type f -print -quit) ]]; then
  echo "building $jar ..." >&2
  mvn -B -q -pl bloodbank-bench -am package -DskipTests >&2
fi
exec java -cp "$jar" dev.bloodbank.bench.SchemaSuite "$suite" bench-results/schema-suite.json

#!/usr/bin/env bash
# Writes the list of classes that the launcher's class archive is trained on
# (bloodbank-cli/src/main/resources/dev/bloodbank/cli/startup-classes.txt, read by StartupTraining):
# every class that the CLI loads in real runs of its commands on the sample catalog against the
# broker, as the JVM logs them. Run it after a change that makes the commands load other classes
# (the CLI test StartupTrainingTest fails when a listed class of bloodbank's or of its libraries is
# gone); a stale list only costs start-up time.
#
#   ./bench/startup-classes.sh
#
# Needs the broker of $BLOODBANK_AMQP_URL / $BLOODBANK_MANAGEMENT_URL (default guest on localhost)
# and makes a vhost of its own, deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
amqp=${BLOODBANK_AMQP_URL:-amqp://guest:guest@localhost:5672}
mgmt=${BLOODBANK_MANAGEMENT_URL:-http://localhost:15672}
userinfo=$(sed -E 's#^amqps?://([^@/]*)@.*#\1#' <<<"$amqp"); [[ $userinfo == "$amqp" ]] && userinfo=guest:guest
base=${amqp%%@*}@$(sed -E 's#^amqps?://([^@]*@)?([^/]*).*#\2#' <<<"$amqp")
vhost=bloodbank-startup-classes-$RANDOM$RANDOM
out=bloodbank-cli/src/main/resources/dev/bloodbank/cli/startup-classes.txt
logs=$(mktemp -d)

./bloodbank --version >/dev/null
curl -fsS -m 120 -u "$userinfo" -X PUT "$mgmt/api/vhosts/$vhost" >/dev/null
trap 'curl -sS -m 120 -u "$userinfo" -X DELETE "$mgmt/api/vhosts/$vhost" >/dev/null || true; rm -rf "$logs"' EXIT
export BLOODBANK_AMQP_URL="$base/$vhost" BLOODBANK_MANAGEMENT_URL="$mgmt"

n=0
logged() {   # one command, with the JVM's class loading logged to a file of its own
  n=$((n + 1))
  BLOODBANK_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:class+load=info:file=$logs/$n.log" \
    ./bloodbank "$@" >/dev/null 2>&1 || true
}
logged list-events
logged show fireflies.transcript.uploaded
logged validate
logged plan
logged apply
logged plan
logged publish fireflies.transcript.uploaded --example
logged stats
logged schema history fireflies.transcript.uploaded

# Hidden classes (lambdas, proxies, method handle forms) have no name to load by.
{
  echo "# The classes the CLI loads in real runs of its commands: the launcher's archive is trained on them"
  echo "# (see StartupTraining). Written by bench/startup-classes.sh; do not edit by hand."
  cat "$logs"/*.log | sed -E 's/^\[[^]]*\]\[[^]]*\]\[[^]]*\] ([^ ]+) .*/\1/' \
    | grep -vE '\$\$Lambda|/0x|\$Proxy|LambdaForm\$|Species_|jdk\.internal\.reflect\.Generated|^\[' \
    | LC_ALL=C sort -u
} > "$out"
echo "$(grep -vc '^#' "$out") classes in $out"

#!/usr/bin/env bash
# A 3-node RabbitMQ cluster on loopback, beside any broker already running on this machine.
#
#   cluster/run-cluster.sh start            start rabbit-1..3@localhost and wait until they form one cluster
#   cluster/run-cluster.sh stop             stop every node (kill -9 what does not stop) and remove the data
#   cluster/run-cluster.sh run CMD ARGS...  start, run CMD with BLOODBANK_CLUSTER_* set, stop whatever happens
#   cluster/run-cluster.sh start-node N     start node N again (after a kill) and wait until it runs
#   cluster/run-cluster.sh stop-node N      stop node N as a rolling restart does: once no quorum queue needs it
#   cluster/run-cluster.sh pid N            the OS process id of node N
#
# Node N listens on AMQP 568N, management 1568N, Erlang distribution 2568N, all on 127.0.0.1, with
# its own data and log directories, config file and enabled-plugins file under $BLOODBANK_CLUSTER_DIR
# (default /tmp/bloodbank-cluster), and a cookie of its own (HOME of the nodes and of rabbitmqctl).
# Ports 5672/15672/25672 are never used: another broker may be there.
set -euo pipefail

DIR="${BLOODBANK_CLUSTER_DIR:-/tmp/bloodbank-cluster}"
NODES=(1 2 3)
SBIN="${RABBITMQ_SBIN:-/usr/lib/rabbitmq/bin}"
export HOME="$DIR/home"

node_name() { echo "rabbit-$1@localhost"; }
ctl() { "$SBIN/rabbitmqctl" -n "$(node_name "$1")" "${@:2}"; }
upgrade() { "$SBIN/rabbitmq-upgrade" -n "$(node_name "$1")" "${@:2}"; }

node_env() {
  local n=$1 d="$DIR/rabbit-$1"
  export RABBITMQ_NODENAME="$(node_name "$n")"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="568$n"
  export RABBITMQ_DIST_PORT="2568$n"
  export RABBITMQ_MNESIA_BASE="$d/mnesia"
  export RABBITMQ_LOG_BASE="$d/log"
  export RABBITMQ_PID_FILE="$d/pid"
  export RABBITMQ_CONFIG_FILE="$d/rabbitmq.conf"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$d/enabled_plugins"
  export RABBITMQ_PLUGINS_EXPAND_DIR="$d/plugins-expand"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$d/advanced.config"
  # Distribution only on loopback; CLI tools reach the node there too.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

prepare() {
  mkdir -p "$HOME"
  if [[ ! -f "$HOME/.erlang.cookie" ]]; then
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$HOME/.erlang.cookie"
    chmod 400 "$HOME/.erlang.cookie"
  fi
  for n in "${NODES[@]}"; do
    local d="$DIR/rabbit-$n"
    mkdir -p "$d/mnesia" "$d/log"
    echo '[rabbitmq_management].' > "$d/enabled_plugins"
    echo '[].' > "$d/advanced.config"
    cat > "$d/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:568$n
management.tcp.ip = 127.0.0.1
management.tcp.port = 1568$n
cluster_partition_handling = pause_minority
# Statistics every second, so that tests waiting on the management API do not wait long.
collect_statistics_interval = 1000
EOF
  done
}

running() { ctl "$1" -q ping >/dev/null 2>&1; }

start_node() {
  local n=$1
  running "$n" && return 0
  ( node_env "$n"; ulimit -n "$(ulimit -Hn)" 2>/dev/null || true; "$SBIN/rabbitmq-server" -detached >/dev/null 2>&1 )
  # -detached returns before the node registers with epmd: await_startup needs it reachable first.
  for _ in $(seq 1 60); do running "$n" && break; sleep 1; done
  ctl "$n" -q await_startup --timeout 120 >/dev/null 2>&1 || { echo "cluster: node $(node_name "$n") did not start; see $DIR/rabbit-$n/log" >&2; return 1; }
}

cluster_size() {
  curl -fsS -m 5 -u guest:guest "http://127.0.0.1:1568$1/api/nodes?columns=name,running" 2>/dev/null \
    | grep -o '"running":true' | wc -l
}

start() {
  prepare
  local pids=()
  for n in "${NODES[@]}"; do start_node "$n" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p"; done
  for n in "${NODES[@]:1}"; do
    if ! ctl "$n" -q cluster_status 2>/dev/null | grep -q "$(node_name 1)"; then
      ctl "$n" -q stop_app >/dev/null
      ctl "$n" -q join_cluster "$(node_name 1)" >/dev/null
      ctl "$n" -q start_app >/dev/null
    fi
  done
  for _ in $(seq 1 120); do
    [[ "$(cluster_size 1)" == "${#NODES[@]}" ]] && { echo "cluster: ${#NODES[@]} nodes running (AMQP 5681-5683, management 15681-15683)"; return 0; }
    sleep 1
  done
  echo "cluster: the nodes did not form a cluster of ${#NODES[@]} within 120 s" >&2
  return 1
}

pid_of() { cat "$DIR/rabbit-$1/pid" 2>/dev/null || true; }

# A graceful stop, as in a rolling restart: first wait (at most 2 minutes) until every quorum queue
# with a member on the node has a majority without it, so that stopping it makes none unavailable.
stop_node() {
  local n=$1
  running "$n" || return 0
  upgrade "$n" -q --timeout 120 await_online_quorum_plus_one >/dev/null \
    || { echo "cluster: quorum queues still need $(node_name "$n") after 120 s" >&2; return 1; }
  ctl "$n" -q --timeout 60 stop >/dev/null
}

# The Erlang processes of this cluster, found by the home directory on their command line (a node being
# started may not have written its pid file yet); never the broker on 5672, whose home is elsewhere.
cluster_pids() { pgrep -f -- "-home $HOME( |\$)" || true; }

stop() {
  for n in "${NODES[@]}"; do
    local pid; pid="$(pid_of "$n")"
    [[ -n "$pid" ]] && kill -CONT "$pid" 2>/dev/null || true
    ctl "$n" -q --timeout 20 stop >/dev/null 2>&1 || true
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  done
  local left; left="$(cluster_pids)"
  if [[ -n "$left" ]]; then
    echo "cluster: killing leftover node processes: $(echo $left)" >&2
    kill -CONT $left 2>/dev/null || true
    kill -9 $left 2>/dev/null || true
  fi
  # Only this cluster's epmd registrations go away with their nodes; the data goes with the directory.
  rm -rf "$DIR"
}

urls() {
  export BLOODBANK_CLUSTER_AMQP_URL="amqp://guest:guest@127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683"
  export BLOODBANK_CLUSTER_MANAGEMENT_URL="http://127.0.0.1:15681,http://127.0.0.1:15682,http://127.0.0.1:15683"
  export BLOODBANK_CLUSTER_SCRIPT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/run-cluster.sh"
  export BLOODBANK_CLUSTER_DIR="$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  start-node) start_node "$2" ;;
  stop-node) stop_node "$2" ;;
  pid) pid_of "$2" ;;
  run)
    shift
    trap stop EXIT
    # The command runs in the background so that a signal is handled at once, not when it ends:
    # it is stopped first (its test may be holding a node paused), then the nodes.
    child=""
    on_signal() {
      [[ -n "$child" ]] && kill -TERM "$child" 2>/dev/null && wait "$child" 2>/dev/null
      exit 130
    }
    trap on_signal INT TERM HUP
    start
    urls
    "$@" &
    child=$!
    wait "$child"
    ;;
  *) echo "usage: $0 start|stop|run CMD...|start-node N|stop-node N|pid N" >&2; exit 2 ;;
esac

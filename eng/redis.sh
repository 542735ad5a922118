#!/usr/bin/env bash
# Starts a throwaway Redis for the tests (installed from Debian's packages when missing) in a temporary folder on a
# free loopback port; stops it and removes the folder.
#   eval "$(bash eng/redis.sh start)"   # exports FLOWERPOWER_TEST_REDIS and FLOWERPOWER_REDIS_DIR
#   bash eng/redis.sh stop "$FLOWERPOWER_REDIS_DIR"
set -euo pipefail

case "${1:-}" in
  start)
    if ! command -v redis-server >/dev/null 2>&1; then
      echo "installing Redis from Debian's packages" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2
    fi
    dir=$(mktemp -d /tmp/flowerpower-redis.XXXXXX)
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)))
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
      --pidfile "$dir/redis.pid" --dir "$dir" --logfile "$dir/redis.log" >&2
    for _ in $(seq 1 50); do
      redis-cli -p "$port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -p "$port" ping >/dev/null 2>&1 || { cat "$dir/redis.log" >&2; exit 1; }
    echo "export FLOWERPOWER_REDIS_DIR='$dir'"
    echo "export FLOWERPOWER_TEST_REDIS='127.0.0.1:$port'"
    ;;
  stop)
    dir="${2:?the folder start printed}"
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac

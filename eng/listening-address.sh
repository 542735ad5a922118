#!/usr/bin/env bash
# Waits until an emulator started in the background prints "listening on http://...", then prints that address.
# Fails with the emulator's log when the process ends first or no address appears within the time given.
#   address=$(bash eng/listening-address.sh LOG PID [SECONDS])
set -uo pipefail
log=$1
pid=$2
seconds=${3:-60}
for _ in $(seq 1 $((seconds * 10))); do
  address=$(grep -oE 'listening on http://[^ ]+' "$log" | head -n 1 | sed 's/listening on //')
  if [ -n "$address" ]; then
    echo "$address"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$log" >&2
    echo "the emulator ended before it listened" >&2
    exit 1
  fi
  sleep 0.1
done
cat "$log" >&2
echo "the emulator did not listen within $seconds s" >&2
exit 1

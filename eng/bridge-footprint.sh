#!/usr/bin/env bash
# Measures the bridge (docs/benchmarks.md, "The bridge"): one `sync --once` of SENSORS sensors with ENTRIES entries each
# on the fake BlueZ (tests/FlowerPower.Cloud.FakeBluez) into a real server on SQLite, under GNU time: the bridge's
# peak resident memory, its processor time (user + system) and the wall time of the whole sync.
#   bash eng/bridge-footprint.sh [SENSORS] [ENTRIES]
set -euo pipefail
cd "$(dirname "$0")/.."
sensors=${1:-10}
entries=${2:-4032}
work=$(mktemp -d)
cleanup() {
  [ -n "${fake_pid:-}" ] && kill "$fake_pid" 2>/dev/null || true
  [ -n "${server_pid:-}" ] && kill -TERM "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for project in src/FlowerPower.Cloud.Server src/FlowerPower.Cloud.Bridge tests/FlowerPower.Cloud.FakeBluez; do
  dotnet build "$project" -c Release -v q >/dev/null
done
server=src/FlowerPower.Cloud.Server/bin/Release/net10.0/FlowerPower.Cloud.Server
bridge=src/FlowerPower.Cloud.Bridge/bin/Release/net8.0/FlowerPower.Cloud.Bridge
db=(--database "$work/flowerpower.db")

mkfifo "$work/fake-in"
tests/FlowerPower.Cloud.FakeBluez/bin/Release/net10.0/FlowerPower.Cloud.FakeBluez --sensors "$sensors" --entries "$entries" <"$work/fake-in" >"$work/fake.log" 2>&1 &
fake_pid=$!
exec 3>"$work/fake-in"
for _ in $(seq 1 100); do grep -q DBUS_SYSTEM_BUS_ADDRESS "$work/fake.log" && break; sleep 0.1; done
bus=$(grep -oE 'DBUS_SYSTEM_BUS_ADDRESS=.*' "$work/fake.log" | cut -d= -f2-)

"$server" "${db[@]}" users add owner@example.invalid --password-stdin <<<'owner-password' >/dev/null 2>&1
"$server" "${db[@]}" clients add bridge --secret-stdin <<<'bridge-secret' >/dev/null 2>&1
while read -r _ serial _; do
  "$server" "${db[@]}" locations add --user owner@example.invalid --nickname "Plant $serial" --sensor "$serial" >/dev/null
done < <(grep '^sensor ' "$work/fake.log")
"$server" "${db[@]}" serve --urls http://127.0.0.1:0 >"$work/server.log" 2>&1 &
server_pid=$!
address=$(bash eng/listening-address.sh "$work/server.log" "$server_pid" 60)

FLOWERPOWER_BASE_ADDRESS=$address FLOWERPOWER_CLIENT_ID=bridge FLOWERPOWER_CLIENT_SECRET=bridge-secret \
FLOWERPOWER_USERNAME=owner@example.invalid FLOWERPOWER_PASSWORD=owner-password DBUS_SYSTEM_BUS_ADDRESS=$bus \
FLOWERPOWER_BRIDGE_STATE=$work/state \
  /usr/bin/time -f '%M %U %S %e' -o "$work/time" "$bridge" sync --once --scan-seconds 0 >"$work/bridge.log" 2>&1 || { cat "$work/bridge.log"; exit 1; }
read -r rss user system elapsed <"$work/time"
echo "bridge: $sensors sensors x $entries entries: peak resident $((rss / 1024)) MB, processor ${user}s user + ${system}s system, wall ${elapsed}s"
grep -c 'entries downloaded' "$work/bridge.log" | xargs echo "sensors synced:"

#!/usr/bin/env bash
# Publishes samples/FlowerPower.Cloud.AotSmoke with Native AOT and runs it against the emulator, then publishes the
# console main job (samples/FlowerPower.Cloud.Samples, embedded emulator included) with Native AOT and runs it.
# Exit 0 when neither AOT build has a warning and both programs do their job.
set -euo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp -d)
log=$(mktemp)
cleanup() {
  [ -n "${emulator_pid:-}" ] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$out" "$log"
}
trap cleanup EXIT

echo "== Native AOT publish"
publish_log=$(dotnet publish samples/FlowerPower.Cloud.AotSmoke -c Release -r linux-x64 -o "$out" 2>&1) || { echo "$publish_log"; exit 1; }
if echo "$publish_log" | grep -E "warning (IL|AOT)[0-9]+" ; then
  echo "Native AOT publish has trim or AOT warnings" >&2
  exit 1
fi

echo "== emulator"
dotnet run --project src/FlowerPower.Cloud.Emulator.Tool -c Release -- --urls http://127.0.0.1:0 >"$log" 2>&1 &
emulator_pid=$!
address=$(bash eng/listening-address.sh "$log" "$emulator_pid" 60)

echo "== AOT binary against $address"
"$out/FlowerPower.Cloud.AotSmoke" "$address"

echo "== Native AOT main job (console sample, embedded emulator)"
sample_out=$(mktemp -d)
export_dir=$(mktemp -d)
trap 'cleanup; rm -rf "$sample_out" "$export_dir"' EXIT
sample_log=$(dotnet publish samples/FlowerPower.Cloud.Samples -c Release -r linux-x64 -p:PublishAot=true -o "$sample_out" 2>&1) || { echo "$sample_log"; exit 1; }
if echo "$sample_log" | grep -E "warning (IL|AOT)[0-9]+" ; then
  echo "the console sample's Native AOT publish has trim or AOT warnings" >&2
  exit 1
fi
job_log=$("$sample_out/FlowerPower.Cloud.Samples" --days 2 --out "$export_dir" 2>&1) || { echo "$job_log"; exit 1; }
echo "$job_log" | grep -q "Monstera (living room)" || { echo "$job_log"; echo "the native main job printed no garden" >&2; exit 1; }
echo "$job_log" | grep -q "CSV export: " || { echo "$job_log"; echo "the native main job exported nothing" >&2; exit 1; }
echo "ok   the native main job printed the garden and exported $(ls "$export_dir" | wc -l) CSV file"

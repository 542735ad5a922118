#!/usr/bin/env bash
# "dotnet pack" of the whole solution, as a newcomer runs it, packs the packages and warns about nothing: a project
# that is not a package (a sample, a test) passes by in silence.
#   bash eng/pack-check.sh [BUILD PROPERTIES...]
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
log=$(dotnet pack FlowerPower.Cloud.sln -c Release --no-build -o "$out" "$@" 2>&1)
code=$?
if [ "$code" -ne 0 ] || grep -qE ": warning " <<<"$log"; then
  grep -E ": (warning|error) " <<<"$log" | sort -u >&2
  echo "dotnet pack of the solution failed or warned" >&2
  exit 1
fi
echo "dotnet pack of the solution: $(ls "$out" | grep -c '\.nupkg$') packages, no warning"

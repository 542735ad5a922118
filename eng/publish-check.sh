#!/usr/bin/env bash
# The Raspberry Pi and VPS recipe of docs/operations.md as an owner types it: a self-contained publish of the server
# for linux-arm64 and linux-x64 (nothing to install on the target), each binary checked to be for its machine, and
# the x64 one run with nothing of .NET in its environment: a user added, served on loopback, /readyz ready.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The ELF header's machine field: b7 00 is AArch64, 3e 00 is x86-64.
machine() { od -An -tx1 -j18 -N2 "$1" | tr -d ' \n'; }

for rid in linux-arm64 linux-x64; do
  echo "== dotnet publish src/FlowerPower.Cloud.Server -c Release -r $rid --self-contained"
  dotnet publish src/FlowerPower.Cloud.Server -c Release -r "$rid" --self-contained -nologo -v quiet
done
arm64=src/FlowerPower.Cloud.Server/bin/Release/net10.0/linux-arm64/publish/FlowerPower.Cloud.Server
x64=src/FlowerPower.Cloud.Server/bin/Release/net10.0/linux-x64/publish/FlowerPower.Cloud.Server
[ "$(machine "$arm64")" = "b700" ] || { echo "$arm64 is not an AArch64 executable" >&2; exit 1; }
[ "$(machine "$x64")" = "3e00" ] || { echo "$x64 is not an x86-64 executable" >&2; exit 1; }
[ -f "$(dirname "$arm64")/libe_sqlite3.so" ] || { echo "the arm64 publish lacks SQLite's native library" >&2; exit 1; }

echo "== the x64 publish runs without .NET installed"
bare=(env -i "HOME=$work" "PATH=/usr/bin:/bin")
"${bare[@]}" "$x64" users add owner@example.invalid --password-stdin --database "$work/flowerpower.db" <<<'owner-password-1'
"${bare[@]}" "$x64" serve --database "$work/flowerpower.db" --urls http://127.0.0.1:0 >"$work/serve.log" 2>&1 &
server_pid=$!
address=$(bash eng/listening-address.sh "$work/serve.log" "$server_pid" 60)
curl -fsS --max-time 10 "${address%/}/readyz"
echo
echo "the self-contained server answered /readyz at $address"

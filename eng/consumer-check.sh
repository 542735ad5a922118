#!/usr/bin/env bash
# Consumes the packed packages as a new user would: a fresh console project outside the solution (eng/consumer),
# with its own nuget.config and package cache, references FlowerPower.Cloud and FlowerPower.Cloud.Emulator by version
# from the packages folder only, runs against the in-process emulator, then installs the emulator tool from the same
# folder, starts flowerpower-emulator on a free port and calls it too. Exit 0 only when all of that works.
#   bash eng/consumer-check.sh PACKAGES_DIR VERSION
set -euo pipefail
packages=$(cd "$1" && pwd)
version=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
tool_pid=
cleanup() {
  [ -n "$tool_pid" ] && kill "$tool_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

for package in FlowerPower.Cloud FlowerPower.Cloud.Emulator FlowerPower.Cloud.Emulator.Tool; do
  [ -f "$packages/$package.$version.nupkg" ] || { echo "missing package $package $version in $packages" >&2; exit 1; }
done

cp "$here/consumer/Consumer.csproj" "$here/consumer/Program.cs" "$work/"
cat >"$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="FlowerPower.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
CONFIG
# Nothing from the repository's build may leak in: no Directory.Build.props above, its own package cache.
export NUGET_PACKAGES="$work/packages"
cd "$work"

dotnet build -c Release -p:FlowerPowerVersion="$version" -nologo -v quiet
out=$(dotnet run -c Release --no-build)
echo "$out"
grep -Eq '^in-process emulator: [1-9][0-9]* plants' <<<"$out" || { echo "the in-process emulator gave no plants" >&2; exit 1; }

dotnet tool install FlowerPower.Cloud.Emulator.Tool --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config"
"$work/tools/flowerpower-emulator" --urls http://127.0.0.1:0 >"$work/tool.log" 2>&1 &
tool_pid=$!
address=$(bash "$here/listening-address.sh" "$work/tool.log" "$tool_pid" 30)

out=$(dotnet run -c Release --no-build -- "$address")
echo "$out"
grep -Eq '^flowerpower-emulator tool: [1-9][0-9]* locations' <<<"$out" || { echo "the tool's emulator gave no locations" >&2; exit 1; }
echo "consumer check passed: FlowerPower.Cloud $version, FlowerPower.Cloud.Emulator $version and the flowerpower-emulator tool"

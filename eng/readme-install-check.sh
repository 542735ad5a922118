#!/usr/bin/env bash
# Follows the README's Install section and Quick start as a new user copies them: the Install block's commands run
# as written (a new console project, a nuget.config with the packages' folder, the two packages and the tool, all as
# pre-release) with the three changes a CI machine needs: the packages are already packed (in PACKAGES_DIR, so the
# `dotnet pack` line is left out), the new project goes into this run's folder, and the tool into a folder of its own
# rather than the machine's. Then the Quick start block becomes the project's whole Program.cs and runs offline; it
# must print the demo garden. NuGet's cache is this run's own, as on a fresh machine.
#   bash eng/readme-install-check.sh PACKAGES_DIR
set -euo pipefail
packages=$(cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES="$work/nuget-cache"

# The first ```bash / ```csharp block after a heading of the README.
block() {
  awk -v heading="$1" -v fence="$2" '$0 == heading {found = 1; next} found && $0 == fence {inside = 1; next} inside && $0 == "```" {exit} inside' "$root/README.md"
}

install=$(block "## Install" '```bash')
script=$(sed -E \
  -e '/^dotnet pack /d' \
  -e "s#^packages=.*#packages=\"$packages\"#" \
  -e "s#\\.\\./my-garden#$work/my-garden#g" \
  -e "s#dotnet tool install -g #dotnet tool install --tool-path \"$work/tools\" #" <<<"$install")
for expected in 'dotnet add package FlowerPower.Cloud --prerelease' 'dotnet add package FlowerPower.Cloud.Emulator --prerelease' \
  'dotnet nuget add source' 'dotnet tool install --tool-path'; do
  grep -qF -- "$expected" <<<"$script" || { echo "the README's Install block has no '$expected'" >&2; exit 1; }
done
echo "$script"
(cd "$work" && bash -euo pipefail -c "$script")

block "## Quick start" '```csharp' >"$work/my-garden/Program.cs"
out=$(cd "$work/my-garden" && dotnet run)
echo "$out"
[ "$(grep -c 'alert(s)$' <<<"$out")" -eq 5 ] || { echo "the Quick start did not print the five demo plants" >&2; exit 1; }
grep -q ': Critical: Water now' <<<"$out" || { echo "the Quick start printed no alert" >&2; exit 1; }
"$work/tools/flowerpower-emulator" --help >/dev/null || { echo "the tool installed by the README's command does not run" >&2; exit 1; }
echo "README install check passed: the Install commands, the Quick start and the tool, from $packages"

#!/usr/bin/env bash
# Proves the public API listing still guards the SDK, both ways: a copy of src/FlowerPower.Cloud with one new public
# method must fail to build with RS0016 until PublicAPI.Unshipped.txt lists it, and a copy that takes away a member
# of the reviewed surface (PublicAPI.Shipped.txt, docs/api-review.md) must fail with RS0017. Exit 0 when both builds
# break as they should.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
git ls-files -z src/FlowerPower.Cloud Directory.Build.props Directory.Build.targets Directory.Packages.props \
  .editorconfig global.json eng/icon.png docs/packages LICENSE | xargs -0 cp --parents -t "$work"
cat >"$work/src/FlowerPower.Cloud/PublicApiProbe.cs" <<'CS'
namespace FlowerPower.Cloud;

/// <summary>A public type that no PublicAPI file lists.</summary>
public static class PublicApiProbe
{
    /// <summary>Not listed either.</summary>
    public static void Unlisted() { }
}
CS

# Builds the copy and requires it to fail with the diagnostic $1 naming $2; $3 says what was changed.
expect_build_break() {
  local diagnostic=$1 member=$2 change=$3 log
  if log=$(cd "$work" && dotnet build src/FlowerPower.Cloud -c Release -f net10.0 -nologo 2>&1); then
    echo "$change did not break the build" >&2
    exit 1
  fi
  if ! grep -q "$diagnostic.*$member" <<<"$log"; then
    echo "$log" | tail -20 >&2
    echo "the build failed, but not with $diagnostic for $member ($change)" >&2
    exit 1
  fi
}

expect_build_break RS0016 PublicApiProbe "a public member missing from PublicAPI.Unshipped.txt"

# The shipped surface: a member that was reviewed and shipped may not disappear.
rm "$work/src/FlowerPower.Cloud/PublicApiProbe.cs"
units=$(grep -rl "public static double CelsiusToFahrenheit" "$work/src/FlowerPower.Cloud")
sed -i 's/public static double CelsiusToFahrenheit/internal static double CelsiusToFahrenheit/' "$units"
expect_build_break RS0017 CelsiusToFahrenheit "a shipped public member taken away"
echo "public API guard holds: an unlisted public member breaks the build (RS0016), and so does a shipped one taken away (RS0017)"

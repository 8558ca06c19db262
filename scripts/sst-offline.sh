#!/usr/bin/env bash
# Checks the AWS infrastructure without AWS: installs SST's platform (its component sources and
# the Pulumi AWS provider's types, from the npm registry only) and type-checks sst.config.ts and
# stacks/ against it. `install` stops after the platform; `typecheck` (the default) does both.
#
# SST_SKIP_DEPENDENCY_CHECK stops the CLI from downloading Pulumi and Bun from GitHub, SST_NO_BUN
# makes it install the platform with npm, and neither `install` nor `tsc` calls AWS.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
export PATH="$root/.tools/bin:$PATH"
export SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1

wanted=$(node -p 'require("./package.json").devDependencies.sst')
installed=$(cat .sst/platform/version 2>/dev/null || true)

# The platform depends only on the SST version and the providers the config names, so it is
# reinstalled when either changes (about 20 s with a warm npm cache, 300 MB under .sst/).
if [[ "$installed" != "$wanted" || ! -f .sst/platform/config.d.ts ||
  sst.config.ts -nt .sst/platform/config.d.ts ]]; then
  echo "sst-offline: installing the SST $wanted platform into .sst/platform"
  node_modules/.bin/sst install --stage ci
fi
[[ "${1:-typecheck}" == "install" ]] && exit 0

# tsc also checks the platform's own TypeScript sources, which config.d.ts pulls in and which do
# not meet this project's stricter options; only errors in the project's files count.
echo "sst-offline: type-checking sst.config.ts and stacks/"
report=$(pnpm exec tsc -p stacks --pretty false || true)
ours=$(grep -E '^[^ ].*error TS[0-9]+' <<<"$report" | grep -v '^\.sst/' || true)
if [[ -n "$ours" ]]; then
  echo "$ours"
  exit 1
fi
if ! grep -q '^\.sst/.*error TS' <<<"$report" && [[ -n "$report" ]]; then
  echo "$report"
  exit 1
fi
echo "sst-offline: sst.config.ts and stacks/ type-check"

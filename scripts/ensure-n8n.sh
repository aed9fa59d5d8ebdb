#!/usr/bin/env sh
# Installs the pinned n8n once into a cache folder outside the repo (about 1.8 GB) and prints its bin path.
# n8n is not a dependency of the package: it is the real host for `npm start` and the end-to-end tests.
# Run through scripts/node24.sh so npm builds native modules against Node 24's headers.
set -e
N8N_VERSION="${N8N_VERSION:-2.40.7}"
root="${N8N_PP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-post-purchase}/n8n-$N8N_VERSION"
marker="$root/.installed"
if [ ! -f "$marker" ]; then
  echo "[n8n] installing n8n $N8N_VERSION into $root (once, a few minutes)" >&2
  mkdir -p "$root"
  # xlsx is pinned to the registry version: n8n's own spec points at a download URL outside the registry.
  cat > "$root/package.json" <<JSON
{ "name": "n8n-host", "private": true, "dependencies": { "n8n": "$N8N_VERSION" }, "overrides": { "xlsx": "0.18.5" } }
JSON
  (cd "$root" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
  # Only the native modules n8n needs are built: its SQLite driver and the expression sandbox.
  (cd "$root" && npm rebuild sqlite3 isolated-vm --loglevel=error >&2)
  touch "$marker"
fi
echo "$root/node_modules/.bin/n8n"

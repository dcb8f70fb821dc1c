#!/usr/bin/env bash
# Builds .gpu/: what a GPU host without Node.js, a Vulkan loader or network needs to run the benchmark, the
# API and a webgpu worker from this checkout (docs/gpu.md). Run from anywhere in the repository, after
# `npm ci`, on Debian/Ubuntu x86-64 with the node that should run there (this machine's is copied):
#
#   bash scripts/gpu/build.sh [--no-check]
#
# .gpu/ (ignored through .git/info/exclude) then holds:
#   node.xz        this machine's node binary, xz-compressed (reused while the binary is unchanged)
#   app.tar.xz     the esbuild bundles with their assets (scripts/gpu/bundle.mjs lists them)
#   debs/          the Vulkan loader and GL dispatch .debs (apt-get download; NVIDIA's Vulkan ICD needs them)
#   MANIFEST.txt   versions, commit, sizes and checksums
# Unless --no-check: the bundled API is started and must serve packages/client/schema.graphql exactly, the
# benchmark bundle trains one step on wasm, and the .debs must contain libvulkan.so.1.
set -euo pipefail

check=1
for arg in "$@"; do
  case "$arg" in
    --no-check) check=0 ;;
    *) echo "usage: bash scripts/gpu/build.sh [--no-check]" >&2; exit 2 ;;
  esac
done

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"
out=.gpu
mkdir -p "$out/debs"
exclude=$(git rev-parse --git-path info/exclude)
mkdir -p "$(dirname "$exclude")"
grep -qxF '.gpu/' "$exclude" 2>/dev/null || echo '.gpu/' >> "$exclude"

step() { echo "== $*"; }
node_bin=$(command -v node)
[ -d node_modules/esbuild ] || { echo "node_modules is missing: run npm ci first" >&2; exit 1; }

# 1. node, compressed once per binary.
node_sum=$(sha256sum "$node_bin" | cut -d' ' -f1)
if [ -f "$out/node.xz" ] && [ "$(cat "$out/node.sha256" 2>/dev/null)" = "$node_sum" ]; then
  step "node: $out/node.xz is up to date ($("$node_bin" --version))"
else
  step "node: compressing $node_bin ($("$node_bin" --version)); about a minute"
  xz -T0 -6 -c "$node_bin" > "$out/node.xz.tmp"
  mv "$out/node.xz.tmp" "$out/node.xz"
  echo "$node_sum" > "$out/node.sha256"
fi

# 2. The Vulkan loader and the GL dispatch libraries NVIDIA's ICD links against.
debs=(libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
have=1
for d in "${debs[@]}"; do ls "$out/debs/${d}"_*.deb >/dev/null 2>&1 || have=0; done
if [ "$have" = 1 ]; then
  step "debs: present"
else
  step "debs: apt-get download ${debs[*]}"
  rm -f "$out/debs"/*.deb
  if ! (cd "$out/debs" && apt-get download "${debs[@]}"); then
    apt-get update -qq
    (cd "$out/debs" && apt-get download "${debs[@]}")
  fi
fi

# 3. The bundles, staged in a temporary directory and packed.
stage=$(mktemp -d)
api_pid=
cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null || true
  rm -rf "$stage"
}
trap cleanup EXIT
step "bundles: esbuild"
node scripts/gpu/bundle.mjs "$stage/app"
step "bundles: packing $out/app.tar.xz"
tar -C "$stage/app" -cf - . | xz -T0 -9 > "$out/app.tar.xz.tmp"
mv "$out/app.tar.xz.tmp" "$out/app.tar.xz"

# 4. Checks on the staged bundles, with this machine's node but outside the repository (no node_modules).
if [ "$check" = 1 ]; then
  step "check: the bundled API serves the schema its sources build"
  mkdir -p "$stage/api"
  (cd "$stage" && exec env ORDERBENCH_PGLITE_DIR="$stage/api/pgdata" ORDERBENCH_ARTIFACT_DIR="$stage/api/artifacts" \
    ORDERBENCH_API_HOST=127.0.0.1 ORDERBENCH_API_PORT=0 node app/apps/api/dist/main.mjs > "$stage/api/log" 2>&1) &
  api_pid=$!
  url=
  for _ in $(seq 120); do
    url=$(grep -o 'http://[^ ]*/graphql' "$stage/api/log" || true)
    [ -n "$url" ] && break
    kill -0 "$api_pid" 2>/dev/null || break
    sleep 0.5
  done
  [ -n "$url" ] || { cat "$stage/api/log" >&2; echo "the bundled API did not start" >&2; exit 1; }
  node scripts/gpu/check-schema.mjs "$url"
  kill -TERM "$api_pid"
  wait "$api_pid" || true
  api_pid=

  step "check: the benchmark bundle trains on wasm"
  (cd "$stage" && node app/apps/cli/dist/bench-one.mjs '{"kind":"train","backend":"wasm","preset":"nanogpt","batchSize":16,"steps":1}') | grep '^{' | tail -1

  step "check: the .debs hold the Vulkan loader"
  mkdir -p "$stage/debroot"
  for f in "$out"/debs/*.deb; do dpkg -x "$f" "$stage/debroot"; done
  find "$stage/debroot" -name 'libvulkan.so.1*' | grep -q . || { echo "libvulkan.so.1 is not in $out/debs" >&2; exit 1; }
  echo "libvulkan.so.1: ok"
fi

{
  echo "built $(date -u +%Y-%m-%dT%H:%M:%SZ) from $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- apps packages drizzle scripts/gpu || echo ' (with uncommitted changes)')"
  echo "node $("$node_bin" --version) ($node_bin)"
  echo "esbuild $(node -p 'require("./node_modules/esbuild/package.json").version')"
  echo "webgpu $(node -p 'require("./node_modules/webgpu/package.json").version')"
  echo
  (cd "$out" && sha256sum node.xz app.tar.xz debs/*.deb)
} > "$out/MANIFEST.txt"

bytes=$(du -sb "$out" | cut -f1)
step "$out/: $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }') (node.xz $(du -h "$out/node.xz" | cut -f1), app.tar.xz $(du -h "$out/app.tar.xz" | cut -f1), debs $(du -ch "$out"/debs/*.deb | tail -1 | cut -f1))"
if [ "$bytes" -gt 60000000 ]; then
  echo "$out/ is over 60 MB" >&2
  exit 1
fi
echo "on the GPU host, from the repository root: bash scripts/gpu/device-run.sh  (results in \$OUT)"

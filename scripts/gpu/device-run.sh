#!/usr/bin/env bash
# Runs the GPU checks on a host that has an NVIDIA driver but no Node.js, no Vulkan loader and no network,
# from the repository root of a checkout that carries .gpu/ (bash scripts/gpu/build.sh):
#
#   OUT=/some/dir bash scripts/gpu/device-run.sh
#
# 1. unpacks node and the bundles, installs the Vulkan loader .debs (when libvulkan.so.1 is missing) and
#    points the loader at NVIDIA's ICD; records nvidia-smi;
# 2. benchmarks through the bench bundle: matmul 4096³ and training throughput for nanogpt (batch 64, 256),
#    gpt2-mini (64, 256) and gpt2-small (64; and at GPT-2's 50,257-token vocabulary), one JSON line each in $OUT/bench.jsonl;
# 3. starts the bundled API (loopback, PGlite in a temporary directory, no keys: local use) and one bundled
#    worker, submits add:2 plain vs reverse × 2 seeds, waits for the runs and saves experiment.json,
#    leaderboard.json, metrics.json and the API and worker logs in $OUT;
# 4. prints a summary (also $OUT/summary.txt).
# Every step has its own time limit and a failing step never stops the ones after it; the whole script keeps
# within OB_BUDGET_S.
#
# Environment (all optional):
#   OUT              results directory (default /tmp/orderbench-gpu-out)
#   OB_BACKEND       webgpu (default), wasm or cpu: wasm runs the same path on a machine without a GPU
#   OB_BUDGET_S      whole-script budget in seconds (default 300)
#   OB_BENCH_S       of which the benchmarks may use (default 130)
#   OB_BENCH_STEPS   timed steps of every training benchmark (default per model: 30 / 20 / 5)
#   OB_MATMUL_N      matmul size (default 4096)
#   OB_STEPS         training steps of each experiment run (default 120)
#   OB_CONCURRENCY   worker slots (default: the worker's own, 1 on a GPU, one per core otherwise)
#   OB_WORK          where node and the bundles are unpacked (default: a new directory under /tmp, removed
#                    at the end unless OB_KEEP_WORK=1)
#   OB_UNPACK_DEBS   1: unpack the .debs even when libvulkan.so.1 is already installed
set -u

START=$SECONDS
OUT=${OUT:-/tmp/orderbench-gpu-out}
BACKEND=${OB_BACKEND:-webgpu}
BUDGET=${OB_BUDGET_S:-300}
BENCH_BUDGET=${OB_BENCH_S:-130}
STEPS=${OB_STEPS:-120}
MATMUL_N=${OB_MATMUL_N:-4096}
ROOT=$(pwd)
mkdir -p "$OUT"
LOG="$OUT/device-run.log"
: > "$LOG"

log() { echo "[+$((SECONDS - START))s] $*" | tee -a "$LOG"; }
left() { echo $((START + BUDGET - SECONDS)); }
min() { if [ "$1" -lt "$2" ]; then echo "$1"; else echo "$2"; fi; }
# xz, or Python's lzma where the host has no xz.
unxz_to() {
  if command -v xz >/dev/null; then xz -dc "$1" > "$2"
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}

if [ ! -f .gpu/node.xz ] || [ ! -f .gpu/app.tar.xz ]; then
  log "no .gpu/node.xz or .gpu/app.tar.xz here ($ROOT): run from the repository root, after scripts/gpu/build.sh"
  exit 1
fi
log "orderbench device run: backend $BACKEND, budget ${BUDGET}s, results in $OUT"
cp .gpu/MANIFEST.txt "$OUT/" 2>/dev/null || true
{ uname -a; date -u; nproc; free -g 2>/dev/null; df -h /tmp 2>/dev/null; } > "$OUT/host.txt" 2>&1

# --- 1. node, bundles, Vulkan ---------------------------------------------------------------------------
unpack() {
  W=$1
  mkdir -p "$W" && unxz_to .gpu/node.xz "$W/node" && chmod +x "$W/node" && "$W/node" --version >/dev/null &&
    unxz_to .gpu/app.tar.xz "$W/app.tar" && tar -xf "$W/app.tar" -C "$W" && rm -f "$W/app.tar"
}
W=${OB_WORK:-}
[ -n "$W" ] || { W=$(mktemp -d /tmp/orderbench-gpu.XXXXXX); TEMP_WORK=$W; }
if ! unpack "$W"; then
  # A /tmp mounted noexec cannot run node; the checkout can.
  log "unpacking into $W failed; trying $ROOT/.gpu/run"
  W="$ROOT/.gpu/run"
  TEMP_WORK=$W
  rm -rf "$W"
  unpack "$W" || { log "cannot unpack node and the bundles"; exit 1; }
fi
NODE="$W/node"
log "node $("$NODE" --version) and the bundles unpacked in $W"

if [ "${OB_UNPACK_DEBS:-0}" = 1 ] || ! ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 '; then
  if [ "$(id -u)" = 0 ]; then
    for f in .gpu/debs/*.deb; do dpkg -x "$f" / || log "dpkg -x $f failed"; done
    ldconfig
    log "Vulkan loader .debs unpacked into / ($(ls .gpu/debs | tr '\n' ' '))"
  else
    for f in .gpu/debs/*.deb; do dpkg -x "$f" "$W/sysroot"; done
    export LD_LIBRARY_PATH="$W/sysroot/usr/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    log "not root: Vulkan loader .debs unpacked into $W/sysroot (LD_LIBRARY_PATH)"
  fi
else
  log "libvulkan.so.1 is already installed; the .debs are not unpacked"
fi
ldconfig -p 2>/dev/null | grep -E 'libvulkan|libEGL|libGLX|libGLdispatch' > "$OUT/libs.txt"

icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -f "$icd" ] || icd=$(find /usr/share/vulkan /etc/vulkan /usr/local/share/vulkan /usr/local/nvidia -name 'nvidia_icd*.json' 2>/dev/null | head -1)
if [ -n "$icd" ] && [ -f "$icd" ]; then
  export VK_DRIVER_FILES="$icd"
  log "VK_DRIVER_FILES=$icd"
  cp "$icd" "$OUT/vulkan-icd.json"
else
  log "no nvidia_icd.json found; the Vulkan loader searches its default paths ($(ls /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>/dev/null | tr '\n' ' '))"
fi

GPU_MON=
if command -v nvidia-smi >/dev/null; then
  nvidia-smi > "$OUT/nvidia-smi.txt" 2>&1
  cat "$OUT/nvidia-smi.txt"
  nvidia-smi --query-gpu=timestamp,name,utilization.gpu,memory.used,power.draw --format=csv -l 1 > "$OUT/gpu-utilization.csv" 2>&1 &
  GPU_MON=$!
else
  log "nvidia-smi: not found"
fi

# --- 2. benchmarks --------------------------------------------------------------------------------------
BENCH_END=$(min $((START + BENCH_BUDGET)) $((START + BUDGET - 120)))
: > "$OUT/bench.jsonl"
bench() { # cap_seconds config_json
  local cap=$1 cfg=$2 t rc line t0=$SECONDS
  t=$(min "$cap" $((BENCH_END - SECONDS)))
  if [ "$t" -lt 10 ]; then
    echo "{\"config\":$cfg,\"error\":\"skipped: the benchmark budget is spent\"}" >> "$OUT/bench.jsonl"
    log "bench $cfg: skipped (budget spent)"
    return
  fi
  echo "--- $cfg" >> "$OUT/bench.log"
  (cd "$W" && timeout -k 5 "$t" "$NODE" apps/cli/dist/bench-one.mjs "$cfg") > "$OUT/bench.stdout" 2> "$OUT/bench.stderr"
  rc=$?
  cat "$OUT/bench.stderr" >> "$OUT/bench.log"
  grep -v '^{' "$OUT/bench.stdout" >> "$OUT/bench.log"
  line=$(grep '^{' "$OUT/bench.stdout" | tail -1)
  if [ "$rc" = 0 ] && [ -n "$line" ]; then
    echo "${line%\}},\"wallSeconds\":$((SECONDS - t0))}" >> "$OUT/bench.jsonl"
    log "bench $line"
  else
    # The thrown error's message line, made safe for a JSON string.
    local why="exit code $rc" msg
    [ "$rc" = 124 ] && why="timed out after ${t}s"
    msg=$(grep -hE '^[A-Za-z]*Error(: |$)' "$OUT/bench.stderr" "$OUT/bench.stdout" 2>/dev/null | tail -1 | tr -d '"\\' | tr -cd '[:print:]' | cut -c1-240)
    [ -n "$msg" ] && why="$why: $msg"
    echo "{\"config\":$cfg,\"error\":\"$why\",\"wallSeconds\":$((SECONDS - t0))}" >> "$OUT/bench.jsonl"
    log "bench $cfg: $why (see bench.log)"
  fi
}
train_cfg() { # preset batch steps
  echo "{\"kind\":\"train\",\"backend\":\"$BACKEND\",\"preset\":\"$1\",\"batchSize\":$2,\"steps\":${OB_BENCH_STEPS:-$3}}"
}
bench 40 "{\"kind\":\"matmul\",\"backend\":\"$BACKEND\",\"n\":$MATMUL_N}"
# The first training benchmark also compiles the shared kernels, hence its longer limit.
bench 45 "$(train_cfg nanogpt 64 30)"
bench 35 "$(train_cfg nanogpt 256 30)"
bench 40 "$(train_cfg gpt2-mini 64 20)"
bench 40 "$(train_cfg gpt2-mini 256 20)"
bench 50 "$(train_cfg gpt2-small 64 5)"
# GPT-2's own vocabulary (50,257 tokens, random rows): the text-task embedding and LM head at full size.
bench 60 "{\"kind\":\"train\",\"backend\":\"$BACKEND\",\"preset\":\"gpt2-small\",\"batchSize\":64,\"steps\":${OB_BENCH_STEPS:-5},\"vocabSize\":50257}"
rm -f "$OUT/bench.stdout" "$OUT/bench.stderr"

# --- 3. API + worker + one experiment -------------------------------------------------------------------
API_PID=
WORKER_PID=
stop() { # pid grace_seconds name
  [ -n "$1" ] || return 0
  kill -0 "$1" 2>/dev/null || return 0
  kill -TERM "$1" 2>/dev/null
  for _ in $(seq $(($2 * 2))); do kill -0 "$1" 2>/dev/null || { log "$3 stopped"; return 0; }; sleep 0.5; done
  kill -KILL "$1" 2>/dev/null
  log "$3 did not stop within $2 s; killed"
}
experiment() {
  mkdir -p "$W/api"
  (cd "$W" && exec env ORDERBENCH_PGLITE_DIR="$W/api/pgdata" ORDERBENCH_ARTIFACT_DIR="$W/api/artifacts" \
    ORDERBENCH_API_HOST=127.0.0.1 ORDERBENCH_API_PORT=0 "$NODE" apps/api/dist/main.mjs) > "$OUT/api.log" 2>&1 &
  API_PID=$!
  local url=""
  for _ in $(seq 120); do
    url=$(grep -o 'http://[^ ]*/graphql' "$OUT/api.log" 2>/dev/null | head -1)
    [ -n "$url" ] && break
    kill -0 "$API_PID" 2>/dev/null || break
    sleep 0.5
  done
  if [ -z "$url" ]; then
    log "the API did not start (see api.log)"
    return
  fi
  log "API up at $url"
  (cd "$W" && exec env ${OB_CONCURRENCY:+ORDERBENCH_CONCURRENCY=$OB_CONCURRENCY} "$NODE" apps/worker/dist/main.mjs \
    --api "$url" --backend "$BACKEND" --name "gpu-check-${HOSTNAME:-host}" --poll-seconds 1) > "$OUT/worker.log" 2>&1 &
  WORKER_PID=$!
  local t=$(($(left) - 35))
  if [ "$t" -lt 30 ]; then
    log "experiment: skipped, ${t}s left"
    return
  fi
  log "experiment: add:2 plain vs reverse, 2 seeds, $STEPS steps, up to ${t}s"
  timeout -k 5 $((t + 10)) "$NODE" scripts/gpu/experiment.mjs --api "$url" --out "$OUT" --steps "$STEPS" --timeout "$t" --watch-pid "$WORKER_PID" 2>&1 | tee -a "$LOG"
  log "experiment: exit code ${PIPESTATUS[0]}"
}
experiment
stop "$WORKER_PID" 20 "worker"
stop "$API_PID" 12 "API"
[ -n "$GPU_MON" ] && kill "$GPU_MON" 2>/dev/null

# --- 4. summary -----------------------------------------------------------------------------------------
"$NODE" scripts/gpu/summary.mjs "$OUT" | tee "$OUT/summary.txt"
[ -n "${TEMP_WORK:-}" ] && [ "${OB_KEEP_WORK:-0}" != 1 ] && rm -rf "$TEMP_WORK"
log "done in $((SECONDS - START))s"

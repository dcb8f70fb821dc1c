# CPU training worker (wasm backend, one run per core). Build from the repository root:
#   docker build -f docker/worker.Dockerfile -t orderbench/worker .
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund --workspace @orderbench/worker --include-workspace-root=false
WORKDIR /app/apps/worker
# ORDERBENCH_API_URL and ORDERBENCH_TOKEN (a worker key: orderbench-api create-key --role worker) are
# given at run time.
ENV NODE_ENV=production \
    ORDERBENCH_BACKEND=wasm
CMD ["node", "bin/orderbench-worker.js"]

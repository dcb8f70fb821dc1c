# GraphQL API. Build from the repository root: docker build -f docker/api.Dockerfile -t orderbench/api .
FROM node:20-bookworm-slim
WORKDIR /app
# The whole workspace is copied so npm ci can resolve the lock file; only the API's dependencies install.
COPY . .
RUN npm ci --no-audit --no-fund --workspace @orderbench/api --include-workspace-root=false
WORKDIR /app/apps/api
# In a container the API listens on every interface, so API keys are required (ORDERBENCH_AUTH=auto does
# that off loopback). ORDERBENCH_BOOTSTRAP_ADMIN_KEY=1 prints a first admin key when none exists.
ENV NODE_ENV=production \
    ORDERBENCH_API_HOST=0.0.0.0 \
    ORDERBENCH_API_PORT=4000 \
    ORDERBENCH_PGLITE_DIR=/data/pglite \
    ORDERBENCH_ARTIFACT_DIR=/data/artifacts \
    ORDERBENCH_BOOTSTRAP_ADMIN_KEY=1
VOLUME /data
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:4000/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]

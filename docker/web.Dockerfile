# Dashboard (Next.js production build). Build from the repository root:
#   docker build -f docker/web.Dockerfile -t orderbench/web .
# At run time ORDERBENCH_API_URL is the API as this container reaches it (queries go through the
# dashboard's same-origin pass-through) and ORDERBENCH_WS_URL the API's WebSocket as the user's browser
# reaches it (subscriptions go there directly). With API keys required, enter one under Settings.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# The workspace root too: `next build` type-checks with the root's TypeScript.
RUN npm ci --no-audit --no-fund --workspace @orderbench/web --include-workspace-root
ENV NEXT_TELEMETRY_DISABLED=1
RUN npm run build -w @orderbench/web
WORKDIR /app/apps/web
ENV NODE_ENV=production \
    ORDERBENCH_API_URL=http://api:4000/graphql \
    ORDERBENCH_WS_URL=ws://localhost:4000/graphql
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3000/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "../../node_modules/next/dist/bin/next", "start", "--port", "3000", "--hostname", "0.0.0.0"]

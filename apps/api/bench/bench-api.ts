/**
 * `npm run bench:api`: the API's figures of issue 3 §6 — metric ingest, subscription latency, leaderboard and
 * metricSeries — against a real API server over HTTP and WebSocket, on PostgreSQL (when DATABASE_URL names a
 * server) and PGlite, written into docs/benchmarks.md between the bench:api markers.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:api [-- --quick] [-- --backends pglite]
 *
 * Run from apps/api (the npm script does): tsx needs that tsconfig for the resolvers' decorators.
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { parseEnv } from "../src/env";
import { startBenchServer, type BackendName } from "./bench-server";
import { measureIngest } from "./measure-ingest";
import { measureLatency } from "./measure-latency";
import { measureLeaderboard } from "./measure-leaderboard";
import { measureSeries } from "./measure-series";
import { render, writeSection, type BackendResults } from "./report";
import { FULL, QUICK, type Sizes } from "./sizes";

const USAGE = "usage: bench-api [--quick] [--backends pglite,postgres] [--write FILE]";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { quick: { type: "boolean" }, backends: { type: "string" }, write: { type: "string" }, help: { type: "boolean" } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const databaseUrl = parseEnv(process.env).DATABASE_URL;
  const skipped: string[] = [];
  let backends: BackendName[];
  if (values.backends) {
    backends = values.backends.split(",").map((s) => s.trim()) as BackendName[];
    const bad = backends.filter((b) => b !== "pglite" && b !== "postgres");
    if (bad.length > 0 || backends.length === 0) throw new Error(`--backends takes pglite and/or postgres, got "${values.backends}"\n${USAGE}`);
  } else {
    backends = databaseUrl ? ["postgres", "pglite"] : ["pglite"];
    if (!databaseUrl) {
      skipped.push("PostgreSQL was not measured: DATABASE_URL was not set.");
      console.warn("bench:api: DATABASE_URL is not set, so only PGlite is measured; set it to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres) for the PostgreSQL figures");
    }
  }
  const sizes: Sizes = values.quick ? QUICK : FULL;
  const started = performance.now();
  const results: BackendResults[] = [];
  for (const backend of backends) {
    console.log(`bench:api: ${backend}${values.quick ? " (quick sizes)" : ""}`);
    const server = await startBenchServer(backend, databaseUrl);
    try {
      const db = server.handle.db;
      const ingest = await measureIngest(server, db, { ...sizes.ingest, timedBatchesPerLane: sizes.ingest.timedBatchesPerLane[backend] });
      console.log(`  ingest: ${Math.round(ingest.pointsPerSecond).toLocaleString("en-US")} points/s (${ingest.points.toLocaleString("en-US")} points in ${ingest.seconds.toFixed(2)} s)`);
      const latency = await measureLatency(server, sizes.latency);
      console.log(`  latency, ${latency.subscribers} subscribers: p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms (${latency.samples} samples)`);
      const leaderboard = await measureLeaderboard(server, db, sizes.leaderboard);
      console.log(`  leaderboard over ${leaderboard.runs.toLocaleString("en-US")} runs: median ${leaderboard.medianMs.toFixed(1)} ms (${leaderboard.rows} rows; first call ${leaderboard.firstMs.toFixed(1)} ms)`);
      const series = await measureSeries(server, db, sizes.series);
      console.log(`  metricSeries ${series.points.toLocaleString("en-US")} → ${series.maxPoints}: median ${series.medianMs.toFixed(1)} ms (${series.returned} points)`);
      results.push({ backend, database: server.database, ingest, latency, leaderboard, series });
    } finally {
      await server.close();
    }
  }

  const section = render(results, {
    date: new Date().toISOString().slice(0, 10),
    command: `${databaseUrl && backends.includes("postgres") ? `DATABASE_URL=${withoutPassword(databaseUrl)} ` : ""}npm run bench:api${values.backends ? ` -- --backends ${values.backends}` : ""}`,
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    node: process.version,
    seconds: (performance.now() - started) / 1000,
    skipped,
  });
  if (values.quick) {
    console.log(`\n--quick: smaller sizes, so nothing is written; the section would read:\n\n${section}`);
  } else if (values.write) {
    await writeSection(values.write, section);
    console.log(`bench:api: wrote ${values.write}`);
  } else {
    console.log(`\n${section}`);
  }
  return 0;
}

function withoutPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "…";
  return u.toString();
}

process.exitCode = await main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(`bench:api: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return 1;
});

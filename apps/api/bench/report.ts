import { readFile, writeFile } from "node:fs/promises";
import type { BackendName } from "./bench-server";
import type { IngestResult } from "./measure-ingest";
import type { LatencyResult } from "./measure-latency";
import type { LeaderboardResult } from "./measure-leaderboard";
import type { SeriesResult } from "./measure-series";

export interface BackendResults {
  backend: BackendName;
  database: string;
  ingest: IngestResult;
  latency: LatencyResult;
  leaderboard: LeaderboardResult;
  series: SeriesResult;
}

export interface RunInfo {
  date: string;
  command: string;
  cores: number;
  cpu: string;
  node: string;
  seconds: number;
  /** Why a backend was left out, e.g. PostgreSQL without DATABASE_URL. */
  skipped: string[];
}

/** Issue 3, section 6. */
export const TARGETS = {
  ingest: { postgres: 100_000, pglite: 20_000 } satisfies Record<BackendName, number>,
  latencyP95Ms: 100,
  leaderboardMs: 100,
  seriesMs: 100,
};

export const START = "<!-- bench:api:start -->";
export const END = "<!-- bench:api:end -->";

const int = (x: number) => Math.round(x).toLocaleString("en-US");
const ms = (x: number) => `${x.toFixed(1)} ms`;
const met = (ok: boolean) => (ok ? "yes" : "**no**");

export function render(results: readonly BackendResults[], info: RunInfo): string {
  const rows: string[] = [];
  const missed: string[] = [];
  const row = (what: string, r: BackendResults, result: string, target: string, ok: boolean) => {
    rows.push(`| ${what} | ${label(r.backend)} | ${result} | ${target} | ${met(ok)} |`);
    if (!ok) missed.push(`${what} on ${label(r.backend)}: ${result}, target ${target}`);
  };
  for (const r of results) {
    const target = TARGETS.ingest[r.backend];
    row("metric ingest (reportMetrics)", r, `${int(r.ingest.pointsPerSecond)} points/s`, `≥ ${int(target)} points/s`, r.ingest.pointsPerSecond >= target);
    row(`subscription latency, ${r.latency.subscribers} subscribers (p50 / p95)`, r, `${ms(r.latency.p50)} / ${ms(r.latency.p95)}`, `p95 < ${TARGETS.latencyP95Ms} ms`, r.latency.p95 < TARGETS.latencyP95Ms);
    row(`leaderboard over ${int(r.leaderboard.runs)} runs (median)`, r, ms(r.leaderboard.medianMs), `< ${TARGETS.leaderboardMs} ms`, r.leaderboard.medianMs < TARGETS.leaderboardMs);
    row(`metricSeries ${int(r.series.points)} → ${int(r.series.maxPoints)} points (median)`, r, ms(r.series.medianMs), `< ${TARGETS.seriesMs} ms`, r.series.medianMs < TARGETS.seriesMs);
  }
  const first = results[0];
  const lines = [
    START,
    `Measured ${info.date} with \`${info.command}\` (apps/api/bench) on ${info.cores} cores (${info.cpu}), Node ${info.node}, in ${Math.round(info.seconds)} s.`,
    `Databases: ${results.map((r) => `${label(r.backend)}: ${r.database}`).join("; ")}.${info.skipped.map((s) => ` ${s}`).join("")}`,
    "",
    "| figure | database | result | target | met |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    missed.length === 0 ? "Every target was met." : `Missed: ${missed.join("; ")}.`,
    "",
    "How it was measured: the API runs in the benchmark's process with its default configuration on a loopback",
    "port, with API keys (worker key for the worker protocol, viewer key for reads and subscriptions). Workers and",
    "subscribers run in a second thread, so under load the server's event loop does only the server's work; the",
    "leaderboard and metricSeries calls are made one at a time from the server's thread, so their times include",
    "the client's side of the HTTP round trip. Each database is made for the run and removed after it.",
    "",
  ];
  if (first) {
    lines.push(
      `- Ingest: ${first.ingest.lanes} runs, each claimed by a registered worker and reported into by its own request lane, all at once, in batches of ${int(first.ingest.batchSize)} points (the server's maximum: ${int(first.ingest.batchSize / 5)} steps × loss, lr, grad_norm, tokens_per_sec, memory_mb, with wall times) sent as \`columns\`, as apps/worker sends them; ` +
        `${results.map((r) => `${int(r.ingest.points)} points in ${r.ingest.seconds.toFixed(1)} s on ${label(r.backend)}`).join(", ")}, after untimed warm-up batches. ` +
        "Only points the API reported as inserted count; the run fails unless the database then holds exactly the points sent.",
      `- Subscription latency: ${first.latency.subscribers} graphql-ws clients, each on its own connection, subscribed to \`runMetrics\` of one run; a worker reports ${first.latency.pointsPerBatch}-point batches (10 steps × 5 metrics); ` +
        "a sample is the time from sending a batch to one subscriber holding all its points; the next batch goes 50 ms after every subscriber has the last one. " +
        `${results.map((r) => `${int(r.latency.samples)} samples on ${label(r.backend)} (max ${ms(r.latency.max)})`).join(", ")}.`,
      `- Leaderboard: the query of docs/api.md (rows with n, mean, std, best, paired Δ vs plain, convergence, run ids) over ${int(first.leaderboard.runs)} succeeded runs ` +
        `(5 strategies × 100 seeds × ${first.leaderboard.runs / 500} learning rates, ${first.leaderboard.rows} rows), each with a ${first.leaderboard.curvePoints}-point \`eval/exact_match\` curve; seeded straight into the database; median of ${first.leaderboard.calls} calls after one untimed call. ` +
        `The untimed call computes the leaderboard (${results.map((r) => `${ms(r.leaderboard.firstMs)} on ${label(r.backend)}`).join(", ")}); the API keeps it until a run of the task finishes or is deleted, so the timed calls read the runs' fingerprint and answer from that.`,
      `- metricSeries: one run's ${int(first.series.points)}-point \`loss\` series, \`maxPoints: ${first.series.maxPoints}\` (${first.series.returned} points returned: min, max and last per bucket), with value and wall time; median of ${first.series.calls} calls after one untimed call.`,
    );
  }
  lines.push(END);
  return lines.join("\n");
}

function label(backend: BackendName): string {
  return backend === "postgres" ? "PostgreSQL" : "PGlite";
}

/** Replaces this benchmark's section of the file, leaving the rest as it is; adds the section under "## API" if it has none. */
export async function writeSection(file: string, section: string): Promise<void> {
  const old = await readFile(file, "utf8").catch(() => "# Benchmarks\n");
  const i = old.indexOf(START);
  const j = old.indexOf(END);
  let next: string;
  if (i >= 0 && j > i) next = `${old.slice(0, i)}${section}${old.slice(j + END.length)}`;
  else {
    const heading = /^## API[ \t]*$/m.exec(old);
    if (heading) {
      const at = heading.index + heading[0].length;
      const rest = old.slice(at).replace(/^\n+/, "");
      next = `${old.slice(0, at)}\n\n${section}\n${rest ? `\n${rest}` : ""}`;
    } else next = `${old.trimEnd()}\n\n## API\n\n${section}\n`;
  }
  await writeFile(file, next.endsWith("\n") ? next : `${next}\n`);
}

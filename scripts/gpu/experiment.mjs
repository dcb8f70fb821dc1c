// Submits one small experiment to a running API, waits for its runs and saves what the API reports.
// Dependency-free (Node's fetch only), so the bare node of a GPU host runs it; device-run.sh calls it as
//
//   node scripts/gpu/experiment.mjs --api URL --out DIR [--steps 150] [--timeout 150] [--watch-pid PID]
//
// --watch-pid: stop waiting when that process (the worker) has exited, instead of at the timeout.
// Writes DIR/experiment.json (the experiment and its runs, with the worker each ran on), DIR/leaderboard.json,
// DIR/metrics.json (each run's curves, downsampled) and DIR/experiment-summary.txt. Exit code 0 when every run
// succeeded, 1 otherwise (failed runs, a timeout or an API error).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    api: { type: "string" },
    out: { type: "string" },
    task: { type: "string", default: "add:2" },
    preset: { type: "string", default: "nanogpt" },
    strategies: { type: "string", default: "plain,reverse" },
    seeds: { type: "string", default: "2" },
    steps: { type: "string", default: "150" },
    timeout: { type: "string", default: "150" },
    "watch-pid": { type: "string" },
  },
});
if (!values.api || !values.out) {
  console.error("usage: node scripts/gpu/experiment.mjs --api URL --out DIR [--task add:2] [--steps 150] [--timeout 150]");
  process.exit(2);
}
const out = values.out;
mkdirSync(out, { recursive: true });
const steps = Number(values.steps);
const deadline = Date.now() + Number(values.timeout) * 1000;
const t0 = Date.now();
const log = (line) => console.log(`[experiment +${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}`);

async function gql(query, variables = {}) {
  const response = await fetch(values.api, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("; "));
  return body.data;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const spec = {
  name: `gpu check: ${values.task} ${values.strategies.replace(",", " vs ")}`,
  tags: ["gpu-check"],
  task: values.task,
  model: { preset: values.preset },
  strategies: values.strategies.split(","),
  seeds: Number(values.seeds),
  budget: { steps },
  batchSize: 64,
  data: { trainSize: 4000, testSize: 200 },
  schedule: { warmupSteps: Math.min(100, Math.floor(steps / 5)), minLrRatio: 0.1 },
  evalInterval: Math.max(1, Math.floor(steps / 3)),
  evalSize: 200,
  // One checkpoint per run mid-way, so the upload path runs too.
  checkpointInterval: Math.max(1, Math.floor(steps / 2)),
};

const RUN_FIELDS = `id gridIndex strategy seed preset task status attempt step progress tokens error diverged
  queuedAt startedAt finishedAt finalMetrics bestMetric bestStep permutation
  checkpoint { id step sizeBytes }
  worker { name backend device cores gpus version }`;
const EXPERIMENT = `query Experiment($id: ID!) {
  experiment(id: $id) { id name task status spec createdAt updatedAt runCounts { queued running succeeded failed cancelled } runs { ${RUN_FIELDS} } }
}`;

let exitCode = 1;
let experiment = null;
try {
  const { createExperiment } = await gql(`mutation Create($input: CreateExperimentInput!) { createExperiment(input: $input) { id runs { id strategy seed } } }`, { input: { spec } });
  log(`created experiment ${createExperiment.id}: ${createExperiment.runs.length} runs, ${steps} steps each`);
  let last = "";
  for (;;) {
    ({ experiment } = await gql(EXPERIMENT, { id: createExperiment.id }));
    const c = experiment.runCounts;
    const line = `status ${experiment.status}: queued ${c.queued}, running ${c.running}, succeeded ${c.succeeded}, failed ${c.failed}; ` +
      experiment.runs.map((r) => `${r.strategy}/${r.seed} ${r.step}`).join(", ");
    if (line !== last) log(line);
    last = line;
    if (c.queued === 0 && c.running === 0) break;
    if (values["watch-pid"] && !alive(Number(values["watch-pid"]))) {
      log(`the worker (pid ${values["watch-pid"]}) has exited with runs unfinished`);
      break;
    }
    if (Date.now() > deadline) {
      log(`timed out after ${values.timeout} s with runs unfinished`);
      break;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  writeFileSync(join(out, "experiment.json"), `${JSON.stringify(experiment, null, 2)}\n`);
  const { leaderboard } = await gql(
    `query Board($task: String!, $preset: String!, $id: ID) {
       leaderboard(task: $task, preset: $preset, experimentId: $id) {
         task preset metric baseline curve thresholds missingMetric
         rows { strategy estimator lr batchSize n mean std min max best runIds vsBaseline { mean ciLow ciHigh n } convergence { threshold reached meanSteps } }
       }
     }`,
    { task: values.task, preset: values.preset, id: experiment.id },
  ).catch(async (e) => {
    // A field this script asks for may be named differently; fall back to the stable core of the query.
    log(`leaderboard query failed (${e.message}); retrying with fewer fields`);
    return gql(`query Board($task: String!, $preset: String!, $id: ID) { leaderboard(task: $task, preset: $preset, experimentId: $id) { task preset metric rows { strategy n mean std best } } }`, {
      task: values.task,
      preset: values.preset,
      id: experiment.id,
    });
  });
  writeFileSync(join(out, "leaderboard.json"), `${JSON.stringify(leaderboard, null, 2)}\n`);
  const { metricSeries } = await gql(`query Series($ids: [ID!]!) { metricSeries(runIds: $ids, maxPoints: 200) { runId name total points { step value wallTime } } }`, {
    ids: experiment.runs.map((r) => r.id),
  }).catch((e) => ({ metricSeries: { error: e.message } }));
  writeFileSync(join(out, "metrics.json"), `${JSON.stringify(metricSeries, null, 2)}\n`);

  const lines = [`experiment ${experiment.id} "${experiment.name}": ${experiment.status}`];
  for (const r of experiment.runs) {
    const secs = r.startedAt && r.finishedAt ? (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000 : null;
    const em = r.finalMetrics?.exact_match;
    lines.push(
      `  ${r.strategy.padEnd(8)} seed ${r.seed}: ${r.status.padEnd(9)} step ${r.step}/${steps}` +
        (secs ? `, ${secs.toFixed(1)} s, ${Math.round(r.tokens / secs)} tok/s (incl. eval)` : "") +
        (em !== undefined ? `, exact_match ${(100 * em).toFixed(1)}%` : "") +
        (r.worker ? `, on ${r.worker.device}` : "") +
        (r.error ? `, error: ${r.error.split("\n")[0]}` : ""),
    );
  }
  for (const row of leaderboard.rows ?? []) lines.push(`  leaderboard ${row.strategy}: n ${row.n}, mean ${(100 * row.mean).toFixed(1)}%`);
  writeFileSync(join(out, "experiment-summary.txt"), `${lines.join("\n")}\n`);
  console.log(lines.join("\n"));
  exitCode = experiment.runCounts.succeeded === experiment.runs.length ? 0 : 1;
} catch (e) {
  log(`error: ${e.message}`);
  if (experiment) writeFileSync(join(out, "experiment.json"), `${JSON.stringify(experiment, null, 2)}\n`);
}
process.exit(exitCode);

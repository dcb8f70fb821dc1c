/**
 * Follow a run's metrics live over a WebSocket subscription, as `step name value` lines, until the run ends.
 *
 *   npx tsx examples/follow-metrics.ts --api http://127.0.0.1:4000/graphql --key ob_… --run RUN_ID [--since STEP]
 *
 * The subscription first replays the stored points after --since, then streams new ones, in step order, and
 * completes once the run has finished. If the connection drops (an API restart), the script subscribes again
 * from where it was, so no point is lost or printed twice.
 */
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { parseFlags } from "./graphql";

const { connection, values } = parseFlags({ run: { type: "string" }, since: { type: "string" } });
if (!values.run) throw new Error("--run RUN_ID is required");

interface Point {
  name: string;
  step: number;
  value: number | null;
  nonFinite: string | null;
}

// Our own reconnection (retryAttempts: 0), because a resumed subscription must start from the last step seen.
const client = createClient({
  url: connection.api.replace(/^http/, "ws"),
  webSocketImpl: WebSocket,
  connectionParams: connection.key ? { authorization: `Bearer ${connection.key}` } : {},
  retryAttempts: 0,
});

let lastStep = values.since === undefined ? -1 : Number(values.since);
// Names already printed at lastStep: other metrics of that step may still come, so we resume from lastStep − 1.
const printedAtLastStep = new Set<string>();
for (let reconnects = 0; ; reconnects++) {
  try {
    const batches = client.iterate<{ runMetrics: { points: Point[] } }>({
      query: `subscription Follow($run: ID!, $since: Int) { runMetrics(runId: $run, sinceStep: $since) { points { name step value nonFinite } } }`,
      variables: { run: values.run, since: printedAtLastStep.size > 0 ? lastStep - 1 : lastStep },
    });
    for await (const { data, errors } of batches) {
      if (errors) throw new Error(errors.map((e) => e.message).join("\n"));
      for (const p of data?.runMetrics.points ?? []) {
        if (p.step === lastStep && printedAtLastStep.has(p.name)) continue;
        if (p.step > lastStep) {
          lastStep = p.step;
          printedAtLastStep.clear();
        }
        printedAtLastStep.add(p.name);
        console.log(`${p.step}\t${p.name}\t${p.value ?? p.nonFinite}`);
      }
    }
    break; // completed: the run has finished and every point was printed
  } catch (e) {
    // GraphQL errors (a wrong run id, a refused key) arrive as an Error or an array: give up. A dropped
    // connection arrives as a close event: try again from the last step.
    if (e instanceof Error || Array.isArray(e) || reconnects >= 10) throw e;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
await client.dispose();

import { expect, it } from "vitest";
import { listRuns } from "@orderbench/db/queries";
import { apiConfig } from "../config";
import { createPubSub } from "../pubsub/create-pubsub";
import { describeEachBackend } from "../test/backends";
import { createDemoExperiment } from "./create-demo-experiment";

describeEachBackend("createDemoExperiment", (database) => {
  it("queues the demo on an empty database and never again", async () => {
    const handle = database();
    const pubsub = await createPubSub(handle);
    const ctx = { db: handle.db, pubsub, config: apiConfig({}), storage: { artifactDir: handle.artifactDir, maxInlineBytes: handle.maxInlineCheckpointBytes }, plans: new Map(), leaderboards: new Map() };
    const demo = await createDemoExperiment(ctx);
    expect(demo?.name).toMatch(/^demo/);
    const runs = await listRuns(handle.db, { experimentId: demo?.id as string });
    expect(runs.map((r) => `${r.strategy}/${r.seed}`).sort()).toEqual(["max-mi/0", "max-mi/1", "plain/0", "plain/1", "reverse/0", "reverse/1"]);
    expect(runs.every((r) => r.status === "queued")).toBe(true);
    expect(await createDemoExperiment(ctx)).toBeNull();
    await pubsub.close();
  });
});

import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { selectBackend } from "./backend";
import { tinyRun } from "./test-helpers";
import { train } from "./train";

/**
 * The webgpu backend through Dawn. Without a GPU it runs on Mesa's lavapipe (a CPU Vulkan driver,
 * Mesa >= 25; docs/gpu.md). CI installs it and sets ORDERBENCH_REQUIRE_WEBGPU=1, so a missing adapter
 * there fails; elsewhere the file reports why it did not run.
 */
const required = process.env.ORDERBENCH_REQUIRE_WEBGPU === "1";
const available = await selectBackend("webgpu").then(
  (info) => info,
  (err: Error) => {
    if (required) throw err;
    console.warn(`webgpu tests not run: ${err.message}`);
    return null;
  },
);

describe.runIf(available)("webgpu backend", () => {
  it("reports its adapter", () => {
    expect(tf.getBackend()).toBe("webgpu");
    expect(available?.device).toMatch(/^webgpu /);
  });

  it("trains with the same first losses as wasm, keeps memory flat, and decodes", async () => {
    const gpu: number[] = [];
    const counts: number[] = [];
    const r = await train(tinyRun({ steps: 4, evalInterval: 2, evalSize: 8, onStep: (s) => void (gpu.push(s.loss), counts.push(tf.memory().numTensors)) }));
    expect(r.status).toBe("completed");
    expect(r.final?.n).toBe(8);
    expect(new Set(counts).size).toBe(1);
    await selectBackend("wasm");
    const cpu: number[] = [];
    await train(tinyRun({ steps: 4, evalInterval: 2, evalSize: 8, onStep: (s) => void cpu.push(s.loss) }));
    gpu.forEach((l, i) => expect(l).toBeCloseTo(cpu[i] as number, 3));
  });
});

import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { BackendUnavailableError, selectBackend } from "./backend";
import { tinyRun } from "./test-helpers";
import { train } from "./train";

function installed(pkg: string): boolean {
  try {
    import.meta.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

async function firstLosses(steps: number): Promise<number[]> {
  const losses: number[] = [];
  await train(tinyRun({ steps, onStep: (s) => void losses.push(s.loss) }));
  return losses;
}

describe("selectBackend", () => {
  it("gives the same first losses for a seed on cpu and on wasm", async () => {
    expect((await selectBackend("cpu")).name).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
    const cpu = await firstLosses(5);
    const info = await selectBackend("wasm");
    expect(tf.getBackend()).toBe("wasm");
    expect(info.device).toMatch(/^wasm/);
    const wasm = await firstLosses(5);
    // Float32 kernels differ in summation order, so equal to ~1e-5, not bit for bit.
    wasm.forEach((l, i) => expect(l).toBeCloseTo(cpu[i] as number, 4));
  });

  it("explains how to install tfjs-node when the tensorflow backends are asked for without it", async () => {
    for (const name of ["tensorflow", "tensorflow-gpu"] as const) {
      if (installed(name === "tensorflow" ? "@tensorflow/tfjs-node" : "@tensorflow/tfjs-node-gpu")) {
        expect((await selectBackend(name)).name).toBe(name);
        continue;
      }
      const err = await selectBackend(name).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendUnavailableError);
      expect((err as Error).message).toMatch(/npm install @tensorflow\/tfjs-node(-gpu)?@4\.22\.0/);
    }
  });
});

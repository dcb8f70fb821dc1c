/**
 * Backend selection at the entry point (tfjs-examples `train_node.js`): the model code runs unchanged on
 * every backend. tfjs-node is optional — imported only when asked for, never a dependency.
 */
import * as tf from "@tensorflow/tfjs";
import { installKernels } from "./kernels";

export const BACKENDS = ["wasm", "cpu", "webgpu", "tensorflow", "tensorflow-gpu"] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackend(name: string): name is BackendName {
  return (BACKENDS as readonly string[]).includes(name);
}

export interface BackendInfo {
  name: BackendName;
  /** What runs the maths, e.g. `wasm simd, 1 thread` or `webgpu nvidia h200`. */
  device: string;
}

export class BackendUnavailableError extends Error {}

/**
 * The largest model the wasm backend trains. Its heap is 4 GB; training holds weights, gradients and both
 * AdamW moments (16 bytes a parameter) plus the backward pass's temporaries, about 28 bytes a parameter in
 * all (docs/benchmarks.md): gpt2-small at a small vocabulary (85M) trains, at GPT-2's 50,257 tokens (124M)
 * it runs out of memory and aborts the process. Refusing first turns that crash into an error that says what
 * to do.
 */
export const WASM_MAX_TRAIN_PARAMS = 100_000_000;

/** A model the active backend cannot train (the wasm heap); the CLI prints it as one line, exit code 2. */
export class BackendCapacityError extends BackendUnavailableError {}

/** Throws BackendCapacityError where the active backend is wasm and the model is over WASM_MAX_TRAIN_PARAMS. */
export function checkWasmCapacity(numParams: number): void {
  if (tf.getBackend() !== "wasm" || numParams <= WASM_MAX_TRAIN_PARAMS) return;
  throw new BackendCapacityError(
    `a model of ${numParams.toLocaleString("en-US")} parameters does not fit the wasm backend's 4 GB heap when training ` +
      `(limit ${WASM_MAX_TRAIN_PARAMS.toLocaleString("en-US")}): use the webgpu or tensorflow backend, a smaller vocabulary or a smaller preset`,
  );
}

export async function selectBackend(name: BackendName): Promise<BackendInfo> {
  switch (name) {
    case "cpu":
      await activate("cpu");
      installKernels("cpu");
      return { name, device: "cpu (JavaScript)" };
    case "wasm": {
      const wasm = await import("@tensorflow/tfjs-backend-wasm");
      await activate("wasm");
      installKernels("wasm");
      const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
      return { name, device: `wasm${simd ? " simd" : ""}, ${wasm.getThreadsCount()} thread(s)` };
    }
    case "webgpu":
      return selectWebGPU();
    case "tensorflow":
    case "tensorflow-gpu": {
      const pkg = name === "tensorflow" ? "@tensorflow/tfjs-node" : "@tensorflow/tfjs-node-gpu";
      try {
        await import(/* @vite-ignore */ pkg);
      } catch (err) {
        throw new BackendUnavailableError(
          `backend "${name}" needs ${pkg}, which is not installed (${(err as Error).message.split("\n")[0]}). ` +
            `Install it with \`npm install ${pkg}@4.22.0\` where its libtensorflow download is reachable, or use --backend wasm|webgpu.`,
        );
      }
      await activate("tensorflow");
      return { name, device: name === "tensorflow" ? "libtensorflow (CPU)" : "libtensorflow (CUDA)" };
    }
  }
}

/**
 * WebGPU in Node via Dawn (`webgpu` package): navigator.gpu must exist before the tfjs webgpu backend
 * registers, so the backend module is imported only after it is installed on globalThis.
 */
async function selectWebGPU(): Promise<BackendInfo> {
  let gpu: GPU;
  try {
    const { create, globals } = await import("webgpu");
    Object.assign(globalThis, globals);
    gpu = create([]);
    Object.defineProperty(globalThis, "navigator", { value: { gpu }, configurable: true, writable: true });
  } catch (err) {
    throw new BackendUnavailableError(`backend "webgpu": the Dawn binding (package webgpu) failed to load: ${(err as Error).message}`);
  }
  const adapter = await gpu.requestAdapter();
  if (!adapter) {
    throw new BackendUnavailableError(
      'backend "webgpu": no GPU adapter found. Install a Vulkan driver (NVIDIA: the driver and libvulkan1; ' +
        "without a GPU: Mesa >= 25 lavapipe, see docs/gpu.md) or use --backend wasm.",
    );
  }
  await import("@tensorflow/tfjs-backend-webgpu");
  await activate("webgpu");
  const info = adapter.info;
  const device = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(" ") || "unknown adapter";
  return { name: "webgpu", device: `webgpu ${device}` };
}

async function activate(backend: string): Promise<void> {
  const ok = await tf.setBackend(backend);
  if (!ok) throw new BackendUnavailableError(`backend "${backend}" failed to initialise`);
  await tf.ready();
}

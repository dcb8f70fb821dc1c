// The bundled worker's slot-thread entry (scripts/gpu/bundle.mjs copies it to apps/worker/dist/). The worker
// names its slot code by its source path, slot-thread.ts; in the bundle that code is slot-thread.mjs beside
// this file, and no tsx loader is needed.
const { workerData } = await import("node:worker_threads");
await import(workerData.entry.replace(/\.ts$/, ".mjs"));

// Worker threads do not inherit the parent's tsx loader on Node 20, so each one registers it before
// loading its TypeScript entry (named in workerData).
import { register } from "tsx/esm/api";

register();
const { workerData } = await import("node:worker_threads");
await import(workerData.entry);

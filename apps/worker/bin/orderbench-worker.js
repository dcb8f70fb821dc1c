#!/usr/bin/env node
// Runs the TypeScript worker through tsx, so it works from a clone without a build step.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");

#!/usr/bin/env node
// The API is TypeScript run through tsx, so the command works straight from a clone without a build.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");

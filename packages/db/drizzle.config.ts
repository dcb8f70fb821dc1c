import { defineConfig } from "drizzle-kit";

/** `npx drizzle-kit generate` from packages/db writes SQL migrations to the repo-root drizzle/ folder. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "../../drizzle",
  strict: true,
  verbose: true,
});

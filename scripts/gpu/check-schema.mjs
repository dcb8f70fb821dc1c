// Checks that bundling kept the API's schema: node scripts/gpu/check-schema.mjs http://127.0.0.1:PORT/graphql
// The schema the bundled API serves (introspected) must equal the one apps/api's sources build when run
// through tsx, as `npm start` runs them: type-graphql derives names and types from classes and decorators,
// which a bundler can rename or drop (esbuild needs keepNames for class names). A difference from the
// committed packages/client/schema.graphql is reported but not a failure: it means the API sources in this
// checkout changed since the schema was last emitted. Needs the repository's node_modules (graphql, tsx), so
// it runs where the bundle is built (build.sh), not on the GPU host.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from "graphql";

const url = process.argv[2];
if (!url) {
  console.error("usage: node scripts/gpu/check-schema.mjs GRAPHQL_URL");
  process.exit(2);
}
const response = await fetch(url, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    query: getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }),
  }),
});
const body = await response.json();
if (body.errors?.length) throw new Error(`introspection failed: ${JSON.stringify(body.errors)}`);
const normal = (schema) => printSchema(lexicographicSortSchema(schema));
const served = normal(buildClientSchema(body.data));

// apps/api's tsconfig (legacy decorators) applies when tsx runs with that directory as cwd.
const apiDir = fileURLToPath(new URL("../../apps/api/", import.meta.url));
const fromSource = execFileSync(
  process.execPath,
  ["--import", "tsx", "--input-type=module", "-e", 'import { buildApiSchema, printApiSchema } from "./src/graphql/schema.ts"; process.stdout.write(printApiSchema(await buildApiSchema()));'],
  { cwd: apiDir, encoding: "utf8" },
);
const source = normal(buildSchema(fromSource));
const committed = normal(buildSchema(readFileSync(new URL("../../packages/client/schema.graphql", import.meta.url), "utf8")));

function firstDifference(a, b) {
  const x = a.split("\n");
  const y = b.split("\n");
  const i = x.findIndex((line, k) => line !== y[k]);
  return `line ${i + 1}:\n  ${x[i]}\n  ${y[i]}`;
}
if (served !== source) {
  console.error(`the bundled API's schema differs from the one its sources build, at ${firstDifference(served, source)}`);
  process.exit(1);
}
console.log(`schema ok: the bundled API serves the schema its sources build (${served.split("\n").length} lines)`);
if (source !== committed) {
  console.log(`note: the API sources here differ from packages/client/schema.graphql (uncommitted API changes?), first at ${firstDifference(source, committed)}`);
}

// Bundles the benchmark, the API and the worker into self-contained ES modules that run on a bare `node`
// binary, without node_modules or tsx:  node scripts/gpu/bundle.mjs STAGE_DIR   (run by build.sh).
//
// STAGE_DIR mirrors the repository: each bundle sits in apps/<app>/dist/, at the depth of apps/<app>/src/,
// so the paths sources compute from their own location (packages/db's `../../../drizzle`) resolve to
// STAGE_DIR/drizzle as they resolve to the repository's drizzle/ from source.
//
//   apps/cli/dist/bench-one.mjs       apps/cli/src/commands/bench-one.ts (prints one JSON line)
//   apps/api/dist/main.mjs            apps/api/src/main.ts, with pglite.wasm and pglite.data beside it
//   apps/worker/dist/main.mjs         apps/worker/src/main.ts
//   apps/worker/dist/slot-thread.mjs  apps/worker/src/slot-thread.ts, what each slot thread runs
//   apps/worker/dist/thread-entry.mjs scripts/gpu/thread-entry.mjs (no tsx: loads slot-thread.mjs)
//   node_modules/webgpu/              index.js, package.json and dist/linux-x64/dawn.node (left external)
//   drizzle/                          the migrations the API applies at start
//
// tfjs-backend-wasm's .wasm files are copied beside the bundles that train (it finds them via __dirname).
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const stage = resolve(process.argv[2] ?? "");
if (!process.argv[2]) {
  console.error("usage: node scripts/gpu/bundle.mjs STAGE_DIR");
  process.exit(2);
}
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

// CommonJS dependencies (tfjs-backend-wasm's Emscripten glue, ws, postgres) use require, __dirname and
// __filename; in an ES module bundle they come from the bundle's own location.
const banner = [
  'import { createRequire as __obCreateRequire } from "node:module";',
  'import { fileURLToPath as __obFileURLToPath } from "node:url";',
  'import { dirname as __obDirname } from "node:path";',
  "const require = __obCreateRequire(import.meta.url);",
  "const __filename = __obFileURLToPath(import.meta.url);",
  "const __dirname = __obDirname(__filename);",
].join("\n");

/**
 * Source edits a bundle needs, each asserted to match exactly once so that a changed source fails the build
 * instead of producing a bundle that breaks at run time.
 */
const EDITS = {
  // query-limits.ts requires graphql-query-complexity through createRequire so that it shares graphql's
  // CommonJS copy with type-graphql and Apollo. esbuild bundles a plain require() the same way (the
  // package's "require" condition, which requires "graphql"); through createRequire it would be left to
  // resolve at run time, where no node_modules exist.
  "apps/api/src/graphql/limits/query-limits.ts": [['createRequire(import.meta.url)("graphql-query-complexity")', 'require("graphql-query-complexity")']],
};

const editPlugin = {
  name: "orderbench-source-edits",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const rel = relative(root, args.path);
      const edits = EDITS[rel];
      if (!edits) return undefined;
      let text = readFileSync(args.path, "utf8");
      for (const [from, to] of edits) {
        const n = text.split(from).length - 1;
        if (n !== 1) return { errors: [{ text: `${rel}: expected exactly one "${from}", found ${n}; update scripts/gpu/bundle.mjs` }] };
        text = text.replace(from, to);
      }
      return { contents: text, loader: "ts" };
    });
  },
};

async function bundle(entry, outfile) {
  const result = await build({
    entryPoints: [join(root, entry)],
    outfile: join(stage, outfile),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: banner },
    // type-graphql names GraphQL types after their classes (class Me -> type Me); bundling renames top-level
    // classes that collide across modules (Me -> Me3), so their original names must be kept.
    keepNames: true,
    // Loaded at run time: webgpu from STAGE_DIR/node_modules (it finds dawn.node beside its index.js);
    // tfjs-node(-gpu) only when installed, which a bundle host never has (selectBackend says so);
    // class-validator is type-graphql's optional validator, never loaded: the schema has validate: false.
    external: ["webgpu", "@tensorflow/tfjs-node", "@tensorflow/tfjs-node-gpu", "class-validator"],
    plugins: [editPlugin],
    metafile: true,
    logLevel: "warning",
    legalComments: "none",
    sourcemap: false,
  });
  const inputs = Object.keys(result.metafile.inputs);
  // graphql refuses to run with two copies (its ESM .mjs files beside the CommonJS ones).
  const mjsGraphql = inputs.filter((p) => /node_modules\/graphql\/.*\.mjs$/.test(p));
  if (mjsGraphql.length) throw new Error(`${outfile}: a second graphql copy was bundled (${mjsGraphql[0]} …)`);
  const bytes = result.metafile.outputs[relative(process.cwd(), join(stage, outfile))]?.bytes ?? 0;
  console.log(`bundled ${entry} -> ${outfile} (${(bytes / 1e6).toFixed(1)} MB, ${inputs.length} modules)`);
}

function copy(from, to) {
  mkdirSync(dirname(join(stage, to)), { recursive: true });
  cpSync(join(root, from), join(stage, to), { recursive: true });
}

const WASM = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"];

await bundle("apps/cli/src/commands/bench-one.ts", "apps/cli/dist/bench-one.mjs");
await bundle("apps/api/src/main.ts", "apps/api/dist/main.mjs");
await bundle("apps/worker/src/main.ts", "apps/worker/dist/main.mjs");
await bundle("apps/worker/src/slot-thread.ts", "apps/worker/dist/slot-thread.mjs");
copy("scripts/gpu/thread-entry.mjs", "apps/worker/dist/thread-entry.mjs");

for (const dir of ["apps/cli/dist", "apps/worker/dist"]) {
  for (const f of WASM) copy(`node_modules/@tensorflow/tfjs-backend-wasm/dist/${f}`, `${dir}/${f}`);
}
for (const f of ["pglite.wasm", "pglite.data"]) copy(`node_modules/@electric-sql/pglite/dist/${f}`, `apps/api/dist/${f}`);
copy("drizzle", "drizzle");

// webgpu: only what its index.js loads (it imports nothing but node: modules and dawn.node).
const webgpu = "node_modules/webgpu";
const webgpuPkg = JSON.parse(readFileSync(join(root, webgpu, "package.json"), "utf8"));
mkdirSync(join(stage, webgpu), { recursive: true });
writeFileSync(
  join(stage, webgpu, "package.json"),
  `${JSON.stringify({ name: webgpuPkg.name, version: webgpuPkg.version, type: webgpuPkg.type, main: webgpuPkg.main, license: webgpuPkg.license }, null, 2)}\n`,
);
copy(`${webgpu}/index.js`, `${webgpu}/index.js`);
copy(`${webgpu}/LICENSE.md`, `${webgpu}/LICENSE.md`);
copy(`${webgpu}/dist/linux-x64/dawn.node`, `${webgpu}/dist/linux-x64/dawn.node`);

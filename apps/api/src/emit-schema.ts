import { writeFile } from "node:fs/promises";
import { buildApiSchema, printApiSchema } from "./graphql/schema";
import { SCHEMA_PATH } from "./schema-path";

/** `npm run schema -w @orderbench/api`: writes the committed contract; schema.test.ts fails until it is current. */
const sdl = printApiSchema(await buildApiSchema());
await writeFile(SCHEMA_PATH, sdl);
console.log(`wrote ${SCHEMA_PATH} (${sdl.length} characters)`);

import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** PostgreSQL server URL from DATABASE_URL (vitest.config.ts), or null. */
    databaseUrl: string | null;
  }
}

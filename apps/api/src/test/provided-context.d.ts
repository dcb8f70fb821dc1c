declare module "vitest" {
  export interface ProvidedContext {
    /** PostgreSQL server URL for the second run of every API suite; null → PGlite only. */
    databaseUrl: string | null;
  }
}
export {};

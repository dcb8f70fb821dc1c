declare module "vitest" {
  export interface ProvidedContext {
    /** PostgreSQL server URL for the second run of every query test; null → PGlite only. */
    databaseUrl: string | null;
  }
}
export {};

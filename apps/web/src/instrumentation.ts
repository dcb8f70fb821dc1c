import { serverEnv } from "./env";

/** Runs once when the Next.js server starts: a bad ORDERBENCH_* value stops it here, naming the variable. */
export function register(): void {
  const env = serverEnv();
  console.log(`orderbench-web: API ${env.apiUrl}, subscriptions ${env.wsUrl}`);
}

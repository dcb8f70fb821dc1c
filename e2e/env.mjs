// The e2e tests' environment, read in one place.
/** Debian's chromium; Playwright drives it instead of a downloaded browser. */
export function chromiumPath(env) {
  return env.ORDERBENCH_CHROMIUM || "/usr/bin/chromium";
}

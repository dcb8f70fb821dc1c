"use client";

import { useConnection } from "@/urql/provider";

/** Shown while the WebSocket to the API is down; the page catches up by itself once it is back. */
export function ConnectionBanner() {
  const c = useConnection();
  return (
    <div role="status" aria-live="polite" data-testid="connection-banner" data-state={c.state}>
      {c.state === "down" && (
        <p className="banner down">
          <strong>Live updates paused:</strong> lost the connection to the API at <code>{c.url}</code>
          {c.reason ? ` (${c.reason})` : ""}. Reconnecting… The page catches up when the API is back.
        </p>
      )}
      {c.state === "refused" && (
        <p className="banner refused">
          <strong>The API refused the live connection:</strong> {c.reason}. Reload the page once the API accepts it.
        </p>
      )}
    </div>
  );
}

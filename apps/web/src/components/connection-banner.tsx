"use client";

import { refusedForKey } from "@/urql/auth";
import { useConnection } from "@/urql/provider";
import { openSettings } from "./settings/api-key-settings";

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
          <strong>The API refused the live connection:</strong> {c.reason}.{" "}
          {refusedForKey(c.reason) ? (
            <>
              It needs an API key:{" "}
              <button type="button" className="small" onClick={openSettings}>
                enter one in Settings
              </button>
            </>
          ) : (
            "Reload the page once the API accepts it."
          )}
        </p>
      )}
    </div>
  );
}

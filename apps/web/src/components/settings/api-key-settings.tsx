"use client";

import { useEffect, useId, useState, useSyncExternalStore, type FormEvent } from "react";
import { keyShapeProblem, readApiKey, refusedForKey, writeApiKey } from "@/urql/auth";
import { useAuthRequired, useConnection } from "@/urql/provider";

/** Whether the user opened the settings, shared by the header button and the banners that offer a key. */
let open = false;
const listeners = new Set<() => void>();
function setOpen(next: boolean) {
  open = next;
  for (const l of listeners) l();
}
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function openSettings(): void {
  setOpen(true);
}

/**
 * Settings in the header: the API key. The panel shows when the user opens it, and by itself when the
 * API asked for a key (an UNAUTHENTICATED answer, or the live connection refused with 4401/4403).
 * Saving stores the key in localStorage and reloads the page, so every query and the WebSocket use it.
 */
export function ApiKeySettings() {
  const opened = useSyncExternalStore(subscribe, () => open, () => false);
  const auth = useAuthRequired();
  const connection = useConnection();
  const refused = connection.state === "refused" && refusedForKey(connection.reason);
  const [dismissed, setDismissed] = useState(false);
  const asked = (auth.required || refused) && !dismissed;
  const shown = opened || asked;
  const panelId = useId();
  const close = () => {
    setOpen(false);
    setDismissed(true);
  };
  return (
    <div className="settings">
      <button type="button" aria-expanded={shown} aria-controls={panelId} onClick={() => (shown ? close() : setOpen(true))}>
        Settings
      </button>
      {shown && (
        <ApiKeyPanel
          id={panelId}
          reason={asked ? (auth.reason ?? connection.reason) : null}
          onClose={close}
        />
      )}
    </div>
  );
}

function ApiKeyPanel({ id, reason, onClose }: { id: string; reason: string | null; onClose: () => void }) {
  // Read after hydration: the server has no localStorage.
  const [stored, setStored] = useState<string | null>(null);
  const [value, setValue] = useState("");
  useEffect(() => {
    const key = readApiKey(window.localStorage);
    setStored(key);
    setValue(key ?? "");
  }, []);
  const problem = keyShapeProblem(value);
  const save = (e: FormEvent) => {
    e.preventDefault();
    writeApiKey(window.localStorage, value);
    window.location.reload();
  };
  const forget = () => {
    writeApiKey(window.localStorage, null);
    window.location.reload();
  };
  return (
    <section id={id} className="settings-panel" aria-label="Settings" data-testid="settings-panel">
      {reason && (
        <p role="alert" className="alert" data-testid="auth-required">
          <strong>The API asks for an API key:</strong> {reason}
          {stored ? " The stored key was not accepted." : ""}
        </p>
      )}
      <form onSubmit={save}>
        <div className="field">
          <label htmlFor="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="ob_…"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`api-key-hint${problem ? " api-key-error" : ""}`}
          />
          <span className="hint" id="api-key-hint">
            Kept in this browser only (localStorage) and sent as <code>Authorization: Bearer …</code> with every request and when the live connection
            opens. Keys come from <code>npm run create-key -w @orderbench/api -- --role researcher</code> (a viewer key can look but not launch or cancel).
          </span>
          {problem && (
            <span className="error" id="api-key-error">
              {problem}
            </span>
          )}
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={value.trim() === "" || value.trim() === stored}>
            Save and reload
          </button>
          {stored && (
            <button type="button" onClick={forget}>
              Forget the stored key
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        <p className="muted" style={{ margin: 0, fontSize: "0.85rem" }} data-testid="api-key-state">
          {stored ? `A key is stored (${stored.slice(0, 7)}…).` : "No key stored: requests go without one, which a local API accepts until its first key exists."}
        </p>
      </form>
    </section>
  );
}

import pRetry, { AbortError } from "p-retry";

/** A GraphQL error the API returned on purpose (BAD_USER_INPUT, CONFLICT, …): retrying cannot help. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface TransportOptions {
  url: string;
  token?: string;
  /** Attempts for a call that fails on the network or with a 5xx (the API restarting). */
  retries: number;
  onRetry?: (message: string) => void;
}

/**
 * POSTs a GraphQL operation. Network failures and 5xx answers are retried with exponential backoff
 * (p-retry), so a worker rides out an API restart; GraphQL errors are thrown at once as ApiError.
 */
export function createTransport(o: TransportOptions) {
  return async function request<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    return pRetry(
      async () => {
        let res: Response;
        try {
          res = await fetch(o.url, {
            method: "POST",
            headers: { "content-type": "application/json", ...(o.token ? { authorization: `Bearer ${o.token}` } : {}) },
            body: JSON.stringify({ query, variables }),
          });
        } catch (err) {
          throw new Error(`API unreachable at ${o.url}: ${(err as Error).message}`);
        }
        if (res.status >= 500) throw new Error(`API answered HTTP ${res.status}`);
        const body = (await res.json().catch(() => null)) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | null;
        if (!body) throw new AbortError(`API answered HTTP ${res.status} without a GraphQL body`);
        const first = body.errors?.[0];
        if (first) throw new AbortError(new ApiError(first.message, first.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
        return body.data as T;
      },
      {
        retries: o.retries,
        minTimeout: 250,
        maxTimeout: 15_000,
        onFailedAttempt: (e) => o.onRetry?.(`${e.message} (attempt ${e.attemptNumber}, ${e.retriesLeft} left)`),
      },
    );
  };
}

export type Request = ReturnType<typeof createTransport>;

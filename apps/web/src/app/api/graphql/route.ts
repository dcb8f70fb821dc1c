import { serverEnv } from "@/env";

/**
 * The browser's HTTP path to the API. The API serves no CORS headers (and Apollo's CSRF prevention wants
 * them for a cross-origin JSON POST), so queries and mutations from the page go to this same-origin route,
 * which forwards them unchanged, with the caller's Authorization header, and answers with the API's
 * status and body. Subscriptions do not come here: the browser opens the API's WebSocket directly.
 */
export const dynamic = "force-dynamic";

const FORWARDED_HEADERS = ["content-type", "accept", "authorization"];

async function forward(req: Request): Promise<Response> {
  const { apiUrl } = serverEnv();
  const target = new URL(apiUrl);
  target.search = new URL(req.url).search;
  const headers = new Headers();
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  let res: Response;
  try {
    res = await fetch(target, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : await req.arrayBuffer(),
      cache: "no-store",
      signal: req.signal,
    });
  } catch (e) {
    const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    return Response.json(
      { errors: [{ message: `the dashboard cannot reach the API at ${apiUrl} (${cause}); is it running?`, extensions: { code: "API_UNREACHABLE" } }] },
      { status: 502 },
    );
  }
  const out = new Headers();
  const type = res.headers.get("content-type");
  if (type) out.set("content-type", type);
  return new Response(res.body, { status: res.status, headers: out });
}

export const GET = forward;
export const POST = forward;

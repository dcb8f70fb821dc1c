import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("defaults to the local API and derives the WebSocket from it", () => {
    expect(parseEnv({})).toEqual({ apiUrl: "http://127.0.0.1:4000/graphql", wsUrl: "ws://127.0.0.1:4000/graphql" });
    expect(parseEnv({ ORDERBENCH_API_URL: "https://api.example/graphql" }).wsUrl).toBe("wss://api.example/graphql");
    expect(parseEnv({ ORDERBENCH_API_URL: "http://api:4000/graphql", ORDERBENCH_WS_URL: "ws://localhost:4000/graphql" })).toEqual({
      apiUrl: "http://api:4000/graphql",
      wsUrl: "ws://localhost:4000/graphql",
    });
  });

  it("names the variable of a bad value", () => {
    expect(() => parseEnv({ ORDERBENCH_API_URL: "localhost:4000" })).toThrow(/ORDERBENCH_API_URL/);
    expect(() => parseEnv({ ORDERBENCH_WS_URL: "http://localhost:4000/graphql" })).toThrow(/ORDERBENCH_WS_URL/);
  });
});

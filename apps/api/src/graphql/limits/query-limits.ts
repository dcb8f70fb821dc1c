import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from "graphql";
import { createRequire } from "node:module";

// Required, not imported: graphql-query-complexity's ESM build imports "graphql/index.mjs" by name, a second
// graphql instance beside the CommonJS one Node gives type-graphql and Apollo (graphql 16 has no exports map),
// and graphql refuses to mix the two. Its CommonJS build requires the same copy as everyone else.
const { fieldExtensionsEstimator, getComplexity, simpleEstimator } = createRequire(import.meta.url)("graphql-query-complexity") as typeof import("graphql-query-complexity");

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
}

/**
 * Query limits fail validation with code GRAPHQL_VALIDATION_FAILED (what Apollo Server gives every
 * validation error, so the WebSocket path uses it too), the limit in extensions.limit and the message, and
 * the environment variable that raises it.
 */
export function limitError(kind: "depth" | "aliases" | "cost", max: number, found: number | null, env: string, hint: string): GraphQLError {
  const what = { depth: "query depth", aliases: "number of aliases", cost: "estimated query cost" }[kind];
  const size = found === null ? `${what} exceeds` : `${what} is ${found}, more than`;
  return new GraphQLError(`${size} the limit of ${max} (${env}); ${hint}`, {
    extensions: { code: "GRAPHQL_VALIDATION_FAILED", limit: { kind, max, ...(found !== null && { found }) }, http: { status: 400 } },
  });
}

const FOUND = /found (\d+)/;

/** Depth and alias limits as validation rules, from GraphQL Armor, with our error codes and messages. */
export function limitRules(limits: QueryLimits): ValidationRule[] {
  const report = (kind: "depth" | "aliases", max: number, env: string, hint: string) => (context: ValidationContext | null, error: GraphQLError) => {
    const found = FOUND.exec(error.message)?.[1];
    context?.reportError(limitError(kind, max, found === undefined ? null : Number(found), env, hint));
  };
  return [
    maxDepthRule({
      n: limits.maxDepth,
      propagateOnRejection: false,
      onReject: [report("depth", limits.maxDepth, "ORDERBENCH_MAX_DEPTH", "select fewer nested fields")],
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      propagateOnRejection: false,
      onReject: [report("aliases", limits.maxAliases, "ORDERBENCH_MAX_ALIASES", "split the request into several")],
    }),
  ];
}

/**
 * Estimated cost (graphql-query-complexity): a field's `complexity` from its type-graphql options, else 1,
 * plus its children's. Needs the variables, so it runs after validation (Apollo's didResolveOperation and
 * graphql-ws's onSubscribe). Throws the limit error.
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null | undefined, maxCost: number): void {
  const cost = getComplexity({
    schema,
    query: document,
    variables,
    ...(operationName && { operationName }),
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
  if (cost > maxCost) throw limitError("cost", maxCost, cost, "ORDERBENCH_MAX_COST", "ask for fewer items (first, runIds, maxPoints) or fewer fields");
}

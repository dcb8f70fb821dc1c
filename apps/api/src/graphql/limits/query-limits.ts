import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import {
  getNullableType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
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
 *
 * The estimate reads only the arguments of fields with a complexity function and the @include/@skip
 * conditions, so it gets the other variables with their lists emptied (`estimateVariables`): a
 * 5,000-point reportMetrics batch is then coerced once, by execution, rather than twice. Variables that do
 * not coerce are left to execution too, which refuses them as BAD_USER_INPUT (HTTP 400).
 */
export function checkCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null | undefined, maxCost: number): void {
  const operation = selectOperation(document, operationName);
  if (!operation) return;
  const estimated = estimateVariables(schema, document, operation, variables);
  if (getVariableValues(schema, operation.variableDefinitions ?? [], estimated).errors) return;
  const cost = getComplexity({
    schema,
    query: document,
    variables: estimated,
    ...(operationName && { operationName }),
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
  if (cost > maxCost) throw limitError("cost", maxCost, cost, "ORDERBENCH_MAX_COST", "ask for fewer items (first, runIds, maxPoints) or fewer fields");
}

/** The operation graphql-js would execute: the named one, or the only one; none when that is ambiguous (execution says why). */
function selectOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/**
 * The variables as the cost estimate needs them: those used in an argument of a field with a complexity
 * function, or in a directive, as sent; every other one with each list in it (at any depth of input
 * objects) replaced by an empty list, which coerces at no cost and changes no estimate.
 */
export function estimateVariables(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  const read = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  let depth = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument: {
        enter() {
          if (depth > 0 || typeof typeInfo.getFieldDef()?.extensions.complexity === "function") depth += 1;
        },
        leave() {
          if (depth > 0) depth -= 1;
        },
      },
      Directive: {
        enter: () => void (depth += 1),
        leave: () => void (depth -= 1),
      },
      Variable(node) {
        if (depth > 0) read.add(node.name.value);
      },
    }),
  );
  const out: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    if (read.has(name) || !(name in out) || !type) continue;
    out[name] = withoutLists(type as GraphQLInputType, out[name]);
  }
  return out;
}

function withoutLists(type: GraphQLInputType, value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return Array.isArray(value) ? [] : value;
  if (!isInputObjectType(nullable) || Array.isArray(value)) return value;
  const fields = nullable.getFields();
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [key, field] of Object.entries(fields)) if (key in out) out[key] = withoutLists(field.type, out[key]);
  return out;
}

import { GraphQLJSON, GraphQLSafeInt } from "graphql-scalars";

/** Arbitrary JSON: run and experiment specs, final metrics, MI tables (their shape is core's zod schemas). */
export const JSONScalar = GraphQLJSON;
/** Integers up to 2^53: seeds (to 2^32 − 1), token counts and byte sizes exceed GraphQL's 32-bit Int. */
export const SafeIntScalar = GraphQLSafeInt;

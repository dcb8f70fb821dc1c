import { listApiKeys, type ApiKeyInfo } from "@orderbench/db/queries";
import type { ApiKeyRole } from "@orderbench/db/schema";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { createApiKey } from "../../services/create-api-key";
import { revokeApiKey } from "../../services/revoke-api-key";
import type { GraphQLContext } from "../context";
import { RoleEnum } from "../enums";
import { ApiKey, CreateApiKeyPayload, Me } from "./api-key.type";

@Resolver()
export class ApiKeyResolver {
  @Query(() => Me, { description: "Any caller: its role and key" })
  async me(@Ctx() { services, principal }: GraphQLContext): Promise<Me> {
    const keys = principal.apiKeyId ? await listApiKeys(services.db) : [];
    return { role: principal.role, via: principal.via, apiKey: keys.find((k) => k.id === principal.apiKeyId) ?? null };
  }

  @Authorized("admin")
  @Query(() => [ApiKey], { description: "API keys, newest first" })
  apiKeys(@Arg("includeRevoked", () => Boolean, { defaultValue: false }) includeRevoked: boolean, @Ctx() { services }: GraphQLContext): Promise<ApiKeyInfo[]> {
    return listApiKeys(services.db, { includeRevoked });
  }

  @Authorized("admin")
  @Mutation(() => CreateApiKeyPayload, { description: "Creates a key; its secret is returned this once" })
  createApiKey(
    @Arg("role", () => RoleEnum) role: ApiKeyRole,
    @Arg("name", () => String) name: string,
    @Ctx() { services }: GraphQLContext,
  ): Promise<{ apiKey: ApiKeyInfo; secret: string }> {
    return createApiKey(services, { role, name });
  }

  @Authorized("admin")
  @Mutation(() => ApiKey, { description: "Revokes a key at once" })
  revokeApiKey(@Arg("id", () => ID) id: string, @Ctx() { services }: GraphQLContext): Promise<ApiKeyInfo> {
    return revokeApiKey(services, id);
  }
}

import type { ApiKeyRole } from "@orderbench/db/schema";
import { Field, ID, ObjectType } from "type-graphql";
import { AuthMethodEnum, RoleEnum } from "../enums";

@ObjectType({ description: "An API key as shown to users: never the secret or its hash" })
export class ApiKey {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => RoleEnum) role!: ApiKeyRole;
  @Field(() => String, { description: "First characters of the secret, to tell keys apart" }) prefix!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKey) apiKey!: ApiKey;
  @Field(() => String, { description: "The secret (ob_…): shown this once, store it now" }) secret!: string;
}

@ObjectType({ description: "Who the API thinks is calling" })
export class Me {
  @Field(() => RoleEnum) role!: ApiKeyRole;
  @Field(() => AuthMethodEnum) via!: string;
  @Field(() => ApiKey, { nullable: true }) apiKey!: ApiKey | null;
}

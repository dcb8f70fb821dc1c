import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A registered training worker" })
export class Worker {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: "tfjs backend: wasm, cpu, webgpu, tensorflow, tensorflow-gpu" }) backend!: string;
  @Field(() => String) device!: string;
  @Field(() => Int) cores!: number;
  @Field(() => Int) gpus!: number;
  @Field(() => String) version!: string;
  @Field(() => Date) lastHeartbeat!: Date;
  @Field(() => Date) createdAt!: Date;
  @Field(() => [ID], { description: "Runs it holds now" }) runIds!: string[];
}

import type { Principal } from "../auth/principal";
import type { ServiceContext } from "../services/context";

/** Per operation: the shared services and who is calling. */
export interface GraphQLContext {
  services: ServiceContext;
  principal: Principal;
}

import "server-only";
import type { z } from "zod";
import type { Actor, TokenScope } from "../publishing/contract";
import { authenticateToken } from "../publishing/tokens";
import { apiEndpoint, type RouteInput, type RouteShapes } from "./endpoint";
import { routeOf } from "./route-params";

// The publishing API (/api/v1 with an API token): the token is checked before anything else is
// read, so every route answers a caller without one the same 401, and every refusal is audited.

// The part and completion routes serve both kinds of upload; which token reaches which upload
// is decided per upload (lib/publishing/upload-records.ts).
export const ANY_UPLOAD: readonly TokenScope[] = ["publish", "customer-files"];

type PublishingRoute<P extends z.ZodType, B extends z.ZodType> = RouteShapes<P, B> & {
  scopes?: readonly TokenScope[]; // the token scopes this route serves; publish by default
  handle: (input: RouteInput<P, B> & { actor: Actor }) => Promise<Response>;
};

export function publishingEndpoint<P extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodUndefined>(
  route: PublishingRoute<P, B>,
) {
  return apiEndpoint<Actor, P, B>({
    guard: (request, context) => authenticateToken(request, route.scopes, () => routeOf(request, context)),
    realm: "downlink",
    params: route.params,
    body: route.body,
    handle: ({ caller, ...input }) => route.handle({ actor: caller, ...input }),
    crash: {
      log: "publishing API request failed",
      message: "The server could not complete the request. Try again.",
    },
  });
}

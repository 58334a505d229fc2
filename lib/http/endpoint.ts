import "server-only";
import { z } from "zod";
import { log } from "../log";
import { failure, ResultError, success, type Result } from "../result";
import { failureResponse, refusalResponse } from "./answers";
import { BodyTooLarge, payloadTooLarge } from "./read-body";
import { parseInput, readJson, requireJsonBody } from "./read-json";
import { routeParams, type RouteContext } from "./route-params";

// The plumbing every JSON API route shares: guard (who may ask) → path params → JSON body (zod)
// → handler; every failure, thrown or returned, answered from the result type and the one
// status table; anything else logged for the operator and answered 500 without its details.

// What a route declares (the zod shapes of its path and JSON body), and what its handler gets.
export type RouteShapes<P extends z.ZodType, B extends z.ZodType> = { params?: P; body?: B };
export type RouteInput<P extends z.ZodType, B extends z.ZodType> = {
  params: z.output<P>;
  body: z.output<B>;
  request: Request;
};

type Endpoint<C, P extends z.ZodType, B extends z.ZodType> = RouteShapes<P, B> & {
  // Runs before anything is read, so a refused caller learns nothing about the route's shapes.
  guard: (request: Request, context: RouteContext) => Promise<Result<C>>;
  realm?: string; // named in WWW-Authenticate when the guard answers 401
  handle: (input: RouteInput<P, B> & { caller: C }) => Promise<Response>;
  crash: { log: string; message: string }; // what a 500 logs, and what it tells the caller
};

export function apiEndpoint<C, P extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodUndefined>(
  endpoint: Endpoint<C, P, B>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      // A body of the wrong type is refused before anything else runs: it costs no database work.
      if (endpoint.body) requireJsonBody(request);
      const caller = await endpoint.guard(request, context);
      if (caller.status === "error") return refusalResponse(caller, endpoint.realm ?? "downlink");
      const params = parseInput(endpoint.params ?? z.object({}), await routeParams(context), "path");
      if (params.status === "error") return failureResponse(params);
      const body = endpoint.body
        ? parseInput(endpoint.body, await readJson(request), "body")
        : success(undefined);
      if (body.status === "error") return failureResponse(body);
      return await endpoint.handle({
        caller: caller.data,
        params: params.data as z.output<P>,
        body: body.data as z.output<B>,
        request,
      });
    } catch (error) {
      if (error instanceof BodyTooLarge) return payloadTooLarge(error);
      if (error instanceof ResultError) return failureResponse(error.failure);
      const path = new URL(request.url).pathname;
      log.error({ err: error, method: request.method, path }, endpoint.crash.log);
      return failureResponse(failure("internal", endpoint.crash.message));
    }
  };
}

import "server-only";
import { z } from "zod";
import { recordDenial } from "../dal/audit";
import { BodyTooLarge, payloadTooLarge, readBodyText } from "../http/read-body";
import { requestLog } from "../log";
import { contextFromHeaders } from "../request-context";
import { PublishingError, type Actor, type TokenScope } from "./contract";
import { authenticateToken, type TokenAuthentication } from "./tokens";

// The plumbing every /api/v1 route shares: bearer token → path params → JSON body (zod) →
// handler, with one error shape `{ error, message }` and no caching anywhere.

const MAX_BODY_BYTES = 100_000;
const noStore = { "Cache-Control": "no-store" };

type RouteContext = { params: Promise<Record<string, string | string[]>> };
type Endpoint<P extends z.ZodType, B extends z.ZodType> = {
  scopes?: readonly TokenScope[]; // the token scopes this route serves; publish by default
  params?: P;
  body?: B;
  handle: (input: { actor: Actor; params: z.output<P>; body: z.output<B>; request: Request }) => Promise<Response>;
};

// The part and completion routes serve both kinds of upload; which token reaches which upload
// is decided per upload (lib/publishing/upload-records.ts).
export const ANY_UPLOAD: readonly TokenScope[] = ["publish", "customer-files"];

export const apiJson = (data: unknown, status = 200) => Response.json(data, { status, headers: noStore });
export const apiNoContent = () => new Response(null, { status: 204, headers: noStore });
export const apiError = (status: number, error: string, message: string) => apiJson({ error, message }, status);

export class InvalidRequest extends Error {}

export function describeIssues(error: z.ZodError, where: string) {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : where;
    return `${path}: ${issue.message}`;
  });
  return `Invalid ${where}. ${issues.join("; ")}.`;
}

// Path segments arrive percent-encoded on some servers and decoded on others; ids, slugs and
// versions never contain "%", so decoding twice is harmless.
function decodeParams(params: Record<string, string | string[]>) {
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value.map(decode) : decode(value)]));
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request, MAX_BODY_BYTES);
  if (!text.trim()) throw new InvalidRequest("Send a JSON body.");
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidRequest("The request body is not valid JSON.");
  }
}

// "/api/v1/files/abc/parts" with { fileId: "abc" } → "POST /api/v1/files/[fileId]/parts": the
// audit names the route, never the caller's path, so refusals cannot mint audit keys at will.
async function routeOf(request: Request, context: RouteContext) {
  const params = Object.entries(decodeParams((await context?.params) ?? {}));
  const segments = new URL(request.url).pathname.split("/").map((segment) => {
    const decoded = decodeParams({ segment }).segment;
    const param = params.find(([, value]) => value === decoded || value === segment);
    if (param) return `[${param[0]}]`;
    return /^[a-z0-9-]*$/.test(segment) ? segment : "*";
  });
  return `${request.method} ${segments.join("/")}`;
}

// Every refused token is recorded (bounded, see recordDenial); a failing audit write does not
// change the 401.
async function auditRefusal(request: Request, context: RouteContext, auth: Extract<TokenAuthentication, { ok: false }>) {
  try {
    const surface = await routeOf(request, context);
    const ip = contextFromHeaders(request.headers).ip;
    await recordDenial("api.denied", { actor: auth.token ?? null, surface, reason: auth.reason, ip });
  } catch (error) {
    console.error("could not audit a refused API token:", (error as Error).message);
  }
}

// Authenticates before reading anything else, so callers without a token learn nothing about
// the API's shapes and every route answers them the same 401.
export function publishingEndpoint<P extends z.ZodType = z.ZodObject, B extends z.ZodType = z.ZodUndefined>(
  endpoint: Endpoint<P, B>,
) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const auth = await authenticateToken(request, endpoint.scopes);
      if (!auth.ok) {
        await auditRefusal(request, context, auth);
        const response = apiError(401, "unauthorized", auth.message);
        response.headers.set("WWW-Authenticate", 'Bearer realm="downlink"');
        return response;
      }
      const params = (endpoint.params ?? z.object({})).safeParse(decodeParams((await context?.params) ?? {}));
      if (!params.success) return apiError(400, "invalid_input", describeIssues(params.error, "path"));
      let body: unknown = undefined;
      if (endpoint.body) {
        const parsed = endpoint.body.safeParse(await readJson(request));
        if (!parsed.success) return apiError(400, "invalid_input", describeIssues(parsed.error, "body"));
        body = parsed.data;
      }
      return await endpoint.handle({ actor: auth.actor, params: params.data as z.output<P>, body: body as z.output<B>, request });
    } catch (error) {
      if (error instanceof InvalidRequest) return apiError(400, "invalid_input", error.message);
      if (error instanceof BodyTooLarge) return payloadTooLarge(error);
      if (error instanceof PublishingError) return apiError(error.status, error.code, error.message);
      // Database and bucket errors are logged for the operator, never shown to the caller.
      (await requestLog()).error({ err: error, method: request.method, path: new URL(request.url).pathname }, "publishing API request failed");
      return apiError(500, "internal", "The server could not complete the request. Try again.");
    }
  };
}

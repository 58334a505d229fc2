// The publishing API's route handlers, found by walking app/api/v1 the way Next.js does, and
// a tiny dispatcher over them: tests call the real handlers by URL, and a route added
// without tests still shows up here (and in the 401 sweep).
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type ApiRoute = { pattern: string; methods: Record<string, Handler> };

const root = path.resolve(import.meta.dirname, "../..");
const apiDirectory = path.join(root, "app/api/v1");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

let loaded: Promise<ApiRoute[]> | undefined;

export function apiRoutes(): Promise<ApiRoute[]> {
  loaded ??= Promise.all(
    routeFiles(apiDirectory).map(async (file) => {
      const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const methods = Object.fromEntries(
        METHODS.filter((method) => typeof exports[method] === "function").map((method) => [
          method,
          exports[method] as Handler,
        ]),
      );
      const pattern = `/${path.relative(root, path.dirname(file)).split(path.sep).slice(1).join("/")}`;
      return { pattern, methods };
    }),
  ).then((routes) => routes.sort((a, b) => a.pattern.localeCompare(b.pattern)));
  return loaded;
}

// Routes an app calls with a licence key instead of a publish token.
const keyAuthenticated = ["/api/v1/licenses/", "/api/v1/feeds/"];
export const isPublishingRoute = (pattern: string) =>
  !keyAuthenticated.some((prefix) => pattern.startsWith(prefix));
export const publishingRoutes = async () =>
  (await apiRoutes()).filter((route) => isPublishingRoute(route.pattern));

// "/api/v1/files/[fileId]/parts" against "/api/v1/files/abc/parts" → { fileId: "abc" }.
export function matchPattern(pattern: string, pathname: string): Record<string, string> | null {
  const expected = pattern.split("/");
  const actual = pathname.split("/");
  if (expected.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < expected.length; i++) {
    const dynamic = /^\[(\w+)\]$/.exec(expected[i]);
    if (dynamic) params[dynamic[1]] = actual[i];
    else if (expected[i] !== actual[i]) return null;
  }
  return params;
}

// Params are handed over still percent-encoded, as some servers do; the handlers cope.
export async function dispatchApiRequest(
  request: Request,
  onRoute?: (pattern: string, method: string) => void,
): Promise<Response> {
  const { pathname } = new URL(request.url);
  for (const route of await apiRoutes()) {
    const params = matchPattern(route.pattern, pathname);
    if (!params) continue;
    const handler = route.methods[request.method];
    if (!handler) return Response.json({ error: "method_not_allowed" }, { status: 405 });
    onRoute?.(route.pattern, request.method);
    return handler(request, { params: Promise.resolve(params) });
  }
  return Response.json({ error: "not_found", message: "No such route." }, { status: 404 });
}

// Fills each [param] with a well-formed placeholder, for requests that must fail before use.
export const samplePath = (pattern: string) =>
  pattern.replace(/\[(\w+)\]/g, (_, name: string) =>
    name === "partNumber" ? "1" : name === "version" ? "1.0.0" : "sample1",
  );

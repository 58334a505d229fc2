// Every public entry point of the app, read from the source the way Next.js finds them: each
// exported function of a module that starts with "use server" is a server action (a public POST
// endpoint), each exported HTTP method of an app/**/route.ts a route handler. A "use server"
// inside a function body is reported as its own surface, so it cannot slip past the suites.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const root = path.resolve(import.meta.dirname, "../..");
const SOURCE = /\.(ts|tsx|js|jsx|mjs)$/;
const SKIP = new Set([
  "node_modules",
  "generated",
  ".next",
  ".data",
  "tests",
  "e2e",
  "bench",
  "scripts",
  "tools",
  "prisma",
]);
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

// A directive is a string literal statement before any other statement (comments may come first).
const FILE_DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/;
const ANY_DIRECTIVE = /["']use server["']/g;

export type Callable = (...args: unknown[]) => Promise<unknown>;
export type ActionSurface = { name: string; file: string; action?: Callable };
export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;
export type RouteSurface = {
  name: string;
  file: string;
  pattern: string;
  method: string;
  handler: RouteHandler;
};

function walk(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) return [];
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? walk(full) : SOURCE.test(entry.name) ? [full] : [];
  });
}

const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");

export async function discoverActions(): Promise<ActionSurface[]> {
  const surfaces: ActionSurface[] = [];
  for (const file of walk(root)) {
    const source = readFileSync(file, "utf8");
    const directives = source.match(ANY_DIRECTIVE)?.length ?? 0;
    if (directives === 0) continue;
    const fileLevel = FILE_DIRECTIVE.test(source);
    if (fileLevel) {
      const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value === "function")
          surfaces.push({ name, file: relative(file), action: value as Callable });
      }
    }
    const inline = directives - (fileLevel ? 1 : 0);
    for (let i = 0; i < inline; i++)
      surfaces.push({ name: `${relative(file)}#inline-${i + 1}`, file: relative(file) });
  }
  return surfaces.sort((a, b) => a.name.localeCompare(b.name));
}

// app/(admin)/x/[id]/route.ts → "/x/[id]": route groups do not appear in URLs.
const urlPattern = (file: string) =>
  `/${relative(path.dirname(file))
    .split("/")
    .slice(1)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .join("/")}`;

export async function discoverRoutes(): Promise<RouteSurface[]> {
  const surfaces: RouteSurface[] = [];
  for (const file of walk(path.join(root, "app")).filter((candidate) =>
    /\/route\.(ts|tsx|js|mjs)$/.test(candidate),
  )) {
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const pattern = urlPattern(file);
    for (const method of METHODS.filter((candidate) => typeof exports[candidate] === "function")) {
      surfaces.push({
        name: `${method} ${pattern}`,
        file: relative(file),
        pattern,
        method,
        handler: exports[method] as RouteHandler,
      });
    }
  }
  return surfaces.sort((a, b) => a.name.localeCompare(b.name));
}

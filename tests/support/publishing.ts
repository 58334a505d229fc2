// Helpers for the publishing API tests: a token, a bare product, and calls to the real route
// handlers by method and URL (recording which routes answered a success).
import { createHash } from "node:crypto";
import type { TokenScope } from "../../lib/publishing/contract";
import { createApiToken } from "../../lib/publishing/tokens";
import { dispatchApiRequest } from "./api-routes";
import { createUser, prisma, unique } from "./fixtures";

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export async function adminActor() {
  const user = await createUser();
  return { kind: "user" as const, id: user.id, email: user.email };
}

export async function newToken(name = unique("ci"), scope: TokenScope = "publish") {
  return createApiToken(name, await adminActor(), scope);
}

export async function createBareProduct() {
  const slug = unique("product");
  return prisma.product.create({
    data: { slug, name: `Product ${slug}`, tiers: { create: { name: "Standard", priceCents: 900 } } },
  });
}

export const reachedRoutes = new Set<string>();

type CallOptions = { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> };

export async function api(method: string, path: string, options: CallOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`http://localhost${path}`, { method, headers, body });
  let route = "";
  const response = await dispatchApiRequest(request, (pattern) => (route = `${method} ${pattern}`));
  if (response.ok) reachedRoutes.add(route);
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read the JSON freely
  const json: any = text ? JSON.parse(text) : undefined;
  return { status: response.status, headers: response.headers, json };
}

// Rows the publishing API writes; a rejected request must leave every count unchanged.
export { uploadRowCounts as publishingRowCounts } from "./upload-fixtures";

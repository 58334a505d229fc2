import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import {
  findApiTokenByHash,
  findApiTokenSummary,
  insertApiToken,
  listApiTokenSummaries,
  markApiTokenRevoked,
  touchApiToken,
  type ApiTokenSummary,
} from "../dal/api-tokens";
import { recordAudit } from "../dal/audit";
import { auditRefusal } from "../http/audit-refusal";
import { lineText } from "../input-schemas";
import { TOKEN_SCOPES, type Actor, type TokenScope } from "./contract";
import { contextFromHeaders } from "../request-context";
import { failure, ResultError, success, type Result } from "../result";

// `dl_` + 32 random bytes, base64url: 46 characters, 256 bits of entropy.
const TOKEN_SHAPE = /^dl_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 10;
const TOUCH_INTERVAL_MS = 60_000;

const tokenName = lineText(100).pipe(z.string().min(1, "Give the token a name."));

export type NewApiToken = { id: string; name: string; prefix: string; secret: string };
export type { ApiTokenSummary };
export type TokenRefusal = "missing" | "malformed" | "unknown" | "revoked" | "scope";
// A real token that was refused (revoked, wrong scope) is named in the refusal's audit row.
type Refusal = { reason: TokenRefusal; message: string; token?: { kind: "token"; id: string; name: string } };

const SCOPE_REFUSAL: Record<TokenScope, string> = {
  publish: "This API token may not publish releases.",
  "customer-files": "This API token may not attach files to customers.",
};
const isScope = (scope: string): scope is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(scope);

const hashToken = (secret: string) => createHash("sha256").update(secret).digest("hex");

// The secret is returned here once and never again; only its hash is stored.
export async function createApiToken(
  name: string,
  actor: Actor,
  scope: TokenScope = "publish",
): Promise<NewApiToken> {
  const parsed = tokenName.safeParse(name);
  if (!parsed.success) throw new ResultError("invalid_input", parsed.error.issues[0].message);
  const secret = `dl_${randomBytes(32).toString("base64url")}`;
  const prefix = secret.slice(0, PREFIX_LENGTH);
  const token = await insertApiToken({
    name: parsed.data,
    tokenHash: hashToken(secret),
    prefix,
    scope,
    createdById: actor.kind === "user" ? actor.id : null,
  });
  await recordAudit(
    actor,
    "api_token.create",
    { type: "ApiToken", id: token.id },
    { name: token.name, prefix, scope },
  );
  return { id: token.id, name: token.name, prefix, secret };
}

export async function listApiTokens(): Promise<ApiTokenSummary[]> {
  return listApiTokenSummaries();
}

export async function revokeApiToken(id: string, actor: Actor): Promise<ApiTokenSummary> {
  const token = typeof id === "string" && id.length <= 64 ? await findApiTokenSummary(id) : null;
  if (!token) throw new ResultError("not_found", "No such API token.");
  if (!token.revokedAt) {
    await markApiTokenRevoked(token.id);
    await recordAudit(
      actor,
      "api_token.revoke",
      { type: "ApiToken", id: token.id },
      { name: token.name, prefix: token.prefix },
    );
  }
  return (await findApiTokenSummary(token.id))!;
}

// Looks the token up by its SHA-256, so no comparison ever runs over the secret itself and
// response time says nothing about how much of a guess was right. `accepts` lists the scopes
// the route serves; a refusal is audited with the route asked for and the caller's address.
export async function authenticateToken(
  request: Request,
  accepts: readonly TokenScope[] = ["publish"],
  surface: () => Promise<string> | string = () => new URL(request.url).pathname,
): Promise<Result<Actor>> {
  const caller = await findCaller(request, accepts);
  if (!("reason" in caller)) return success(caller);
  await auditRefusal("api.denied", async () => ({
    actor: caller.token ?? null,
    surface: await surface(),
    reason: caller.reason,
    ip: contextFromHeaders(request.headers).ip,
  }));
  return failure("unauthorized", caller.message);
}

async function findCaller(request: Request, accepts: readonly TokenScope[]): Promise<Actor | Refusal> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { reason: "missing", message: "Send an API token: Authorization: Bearer dl_…" };
  if (!TOKEN_SHAPE.test(match[1]))
    return { reason: "malformed", message: "That is not a Downlink API token." };

  const token = await findApiTokenByHash(hashToken(match[1]));
  if (!token) return { reason: "unknown", message: "Unknown API token." };
  const refused = { kind: "token" as const, id: token.id, name: token.name };
  if (token.revokedAt) return { reason: "revoked", message: "This API token was revoked.", token: refused };
  if (!isScope(token.scope) || !accepts.includes(token.scope)) {
    return { reason: "scope", message: SCOPE_REFUSAL[accepts[0]], token: refused };
  }

  const staleBefore = new Date(Date.now() - TOUCH_INTERVAL_MS);
  if (!token.lastUsedAt || token.lastUsedAt < staleBefore) await touchApiToken(token.id, staleBefore);
  return { kind: "token", id: token.id, name: token.name, scope: token.scope };
}

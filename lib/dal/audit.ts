import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
// Who acted, as the audit names them: a user by email, a token by name (whatever its scope).
export type AuditActor =
  { kind: "user"; id: string; email: string } | { kind: "token"; id: string; name: string };

// Who did what to which record. A token is no user: its name goes where an email would be,
// its id into the data. `null` is the system itself (scheduled clean-ups).
export async function recordAudit(
  actor: AuditActor | null,
  action: string,
  target: { type: string; id: string },
  data?: object,
) {
  const tokenData = actor?.kind === "token" ? { tokenId: actor.id } : {};
  const payload = data || actor?.kind === "token" ? { ...data, ...tokenData } : undefined;
  await db.auditLog.create({
    data: {
      actorId: actor?.kind === "user" ? actor.id : null,
      actorEmail: actor === null ? "system" : actor.kind === "user" ? actor.email : `token:${actor.name}`,
      action,
      targetType: target.type,
      targetId: target.id,
      data: payload as Prisma.InputJsonValue | undefined,
    },
  });
}

export type DenialAction =
  | "admin.denied"
  | "api.denied"
  | "download.denied"
  | "webhook.denied"
  | "license.denied"
  | "unsubscribe.denied"
  | "account.denied"
  | "renewal.denied";
export type Denial = {
  actor: AuditActor | null; // null: a caller who is not signed in or sent no valid credential
  surface: string; // the action or route that refused, e.g. "createReleaseAction" or "POST /api/v1/releases"
  reason: string; // a short code, never attacker-chosen text
  ip?: string | null;
};

const DENIAL_WINDOW_MS = 60_000;
const DENIAL_LOCK_NAMESPACE = 7_071; // pg_advisory_xact_lock(namespace, hashtext(key))

// Refusals, bounded: the same refusal (action, caller, surface, reason) within a minute adds to
// one row's count instead of writing another row, so a flood of anonymous requests grows the
// table by at most one row per surface, reason and minute. The caller's address is kept as
// the latest seen, not as part of the key, since X-Forwarded-For is whatever the client says.
export async function recordDenial(action: DenialAction, denial: Denial) {
  const actorEmail =
    denial.actor === null
      ? "anonymous"
      : denial.actor.kind === "user"
        ? denial.actor.email
        : `token:${denial.actor.name}`;
  const surface = denial.surface.slice(0, 120);
  const reason = denial.reason.slice(0, 60);
  const ip = denial.ip?.slice(0, 64) ?? null;
  const key = `${action}|${actorEmail}|${surface}|${reason}`;
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DENIAL_LOCK_NAMESPACE}::int, hashtext(${key}))`;
    const recent = await tx.auditLog.findFirst({
      where: {
        action,
        actorEmail,
        targetId: surface,
        createdAt: { gt: new Date(Date.now() - DENIAL_WINDOW_MS) },
        data: { path: ["reason"], equals: reason },
      },
      orderBy: { createdAt: "desc" },
      select: { id: true, data: true },
    });
    if (recent) {
      const data = recent.data as { count?: number };
      await tx.auditLog.update({
        where: { id: recent.id },
        data: { data: { ...data, count: (data.count ?? 1) + 1, ip, lastAt: new Date().toISOString() } },
      });
      return;
    }
    const tokenData = denial.actor?.kind === "token" ? { tokenId: denial.actor.id } : {};
    await tx.auditLog.create({
      data: {
        actorId: denial.actor?.kind === "user" ? denial.actor.id : null,
        actorEmail,
        action,
        targetType: action === "admin.denied" ? "Action" : "Route",
        targetId: surface,
        data: { reason, count: 1, ip, ...tokenData },
      },
    });
  });
}

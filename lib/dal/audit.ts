import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Actor } from "../publishing/contract";

// Who did what to which record. A token is no user: its name goes where an email would be,
// its id into the data. `null` is the system itself (scheduled clean-ups).
export async function recordAudit(actor: Actor | null, action: string, target: { type: string; id: string }, data?: object) {
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

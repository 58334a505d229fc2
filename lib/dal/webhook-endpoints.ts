import "server-only";
import { db } from "../db";

export async function listWebhookEndpoints() {
  return db.webhookEndpoint.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      events: true,
      active: true,
      previousSecretExpiresAt: true,
      createdAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 20,
        select: {
          id: true,
          eventType: true,
          status: true,
          attempts: true,
          lastStatusCode: true,
          lastError: true,
          nextAttemptAt: true,
          createdAt: true,
        },
      },
    },
  });
}

export const createEndpointRow = (url: string, events: string[], secret: string) =>
  db.webhookEndpoint.create({ data: { url, events, secret }, select: { id: true } });

// The new secret signs from now on; the old one signs beside it until `graceUntil`.
export async function rotateEndpointSecret(id: string, secret: string, graceUntil: Date) {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id }, select: { secret: true } });
  if (!endpoint) return false;
  await db.webhookEndpoint.update({
    where: { id },
    data: { secret, previousSecret: endpoint.secret, previousSecretExpiresAt: graceUntil },
  });
  return true;
}

export async function setEndpointActive(id: string, active: boolean) {
  const { count } = await db.webhookEndpoint.updateMany({ where: { id }, data: { active } });
  return count === 1;
}

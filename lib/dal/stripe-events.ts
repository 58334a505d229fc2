import "server-only";
import { db } from "../db";

// Ledger of webhook deliveries: an event counts as handled only once its handler succeeded.
export async function isEventProcessed(eventId: string) {
  const event = await db.stripeEvent.findUnique({ where: { id: eventId }, select: { processedAt: true } });
  return !!event?.processedAt;
}

export async function markEventProcessed(eventId: string, type: string) {
  await db.stripeEvent.upsert({
    where: { id: eventId },
    create: { id: eventId, type, processedAt: new Date() },
    update: { processedAt: new Date(), lastError: null },
  });
}

export async function markEventFailed(eventId: string, type: string, error: string) {
  await db.stripeEvent.upsert({
    where: { id: eventId },
    create: { id: eventId, type, lastError: error.slice(0, 1000) },
    update: { lastError: error.slice(0, 1000) },
  });
}

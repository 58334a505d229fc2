import "server-only";
import type Stripe from "stripe";
import { fulfillSession } from "./fulfill-checkout";
import { stripe } from "./stripe";
import { handlers, handleStripeEvent } from "./webhook";

export type ReconcileReport = {
  sessions: number;
  fulfilled: number;
  events: number;
  applied: number;
  failed: string[];
};

// Catches up with Stripe after missed or failed webhooks: every paid checkout session is
// fulfilled (idempotently) and every handled event not yet in the ledger is applied, oldest first.
export async function reconcile({ since }: { since: Date }): Promise<ReconcileReport> {
  const created = { gte: Math.floor(since.getTime() / 1000) };
  const report: ReconcileReport = { sessions: 0, fulfilled: 0, events: 0, applied: 0, failed: [] };

  for await (const session of stripe().checkout.sessions.list({ created, limit: 100 })) {
    if (session.status !== "complete" || session.payment_status === "unpaid") continue;
    report.sessions += 1;
    try {
      const result = await fulfillSession(session);
      if (result.status === "fulfilled" && result.created) report.fulfilled += 1;
    } catch (error) {
      report.failed.push(`${session.id}: ${(error as Error).message}`);
    }
  }

  const events: Stripe.Event[] = [];
  const types = Object.keys(handlers) as Stripe.Event.Type[];
  for await (const event of stripe().events.list({ created, types, limit: 100 })) events.push(event);
  for (const event of events.reverse()) {
    report.events += 1;
    const outcome = await handleStripeEvent(event);
    if (outcome === "processed") report.applied += 1;
    if (outcome === "failed") report.failed.push(`${event.id} (${event.type})`);
  }
  return report;
}

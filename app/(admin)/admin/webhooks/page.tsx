import type { Metadata } from "next";
import {
  CreateEndpointForm,
  EndpointActiveButton,
  RedeliverButton,
  RotateSecretButton,
} from "@/components/admin/webhook-forms";
import { checkAdmin } from "@/lib/auth/admin";
import { listWebhookEndpoints } from "@/lib/dal/webhook-endpoints";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

export const metadata: Metadata = { title: "Admin · Webhooks" };

const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

export default async function WebhooksPage() {
  if ((await checkAdmin()).status === "error") return null;
  const endpoints = await listWebhookEndpoints();
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="text-sm text-zinc-600">
          Tell your own systems (CRM, Slack, accounting) when something happens. Messages are signed per the
          Standard Webhooks spec and sent by <code className="font-mono">npm run webhooks:send</code>, retried
          with backoff until your endpoint answers 2xx.
        </p>
      </header>
      <CreateEndpointForm events={WEBHOOK_EVENTS} />
      {endpoints.map((endpoint) => (
        <section
          key={endpoint.id}
          aria-label={endpoint.url}
          className="space-y-2 rounded-xl border border-zinc-200 bg-white p-5 text-sm shadow-sm"
        >
          <div className="flex flex-wrap items-center gap-3">
            <span className="min-w-0 font-mono font-medium [overflow-wrap:anywhere]">{endpoint.url}</span>
            <span className={endpoint.active ? "text-emerald-700" : "text-zinc-500"}>
              {endpoint.active ? "active" : "paused"}
            </span>
            <span className="text-zinc-500">{endpoint.events.join(", ")}</span>
            <span className="ml-auto flex gap-4">
              <RotateSecretButton id={endpoint.id} />
              <EndpointActiveButton id={endpoint.id} active={endpoint.active} />
            </span>
          </div>
          {endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() && (
            <p className="text-zinc-500">
              The previous secret signs too until {time.format(endpoint.previousSecretExpiresAt)}.
            </p>
          )}
          <ul className="divide-y divide-zinc-100 border-t border-zinc-100" aria-label="Deliveries">
            {endpoint.deliveries.length === 0 && <li className="py-2 text-zinc-500">No deliveries yet.</li>}
            {endpoint.deliveries.map((delivery) => (
              <li key={delivery.id} className="flex flex-wrap items-center gap-3 py-2">
                <span className="text-zinc-500">{time.format(delivery.createdAt)}</span>
                <code className="font-mono">{delivery.eventType}</code>
                <span
                  className={
                    delivery.status === "sent"
                      ? "text-emerald-700"
                      : delivery.status === "failed"
                        ? "text-red-700"
                        : "text-zinc-700"
                  }
                >
                  {delivery.status}
                </span>
                <span className="text-zinc-500">
                  {delivery.lastStatusCode ?? delivery.lastError ?? "—"} · {delivery.attempts} attempt
                  {delivery.attempts === 1 ? "" : "s"}
                </span>
                {(delivery.status === "sent" || delivery.status === "failed") && (
                  <span className="ml-auto">
                    <RedeliverButton id={delivery.id} />
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

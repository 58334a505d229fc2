// The seller's webhook endpoints, as Admin → Webhooks changes them; each change is audited here.
import "server-only";
import { recordAudit, type AuditActor } from "../dal/audit";
import { redeliver } from "../dal/webhook-deliveries";
import { createEndpointRow, rotateEndpointSecret, setEndpointActive } from "../dal/webhook-endpoints";
import { env } from "../env";
import { failure, success, type Result } from "../result";
import { endpointUrlProblem } from "./endpoint-url";
import { newWebhookSecret } from "./events";

export const ROTATION_GRACE_HOURS = 24;

export const allowLocalEndpoints = () => env().NODE_ENV !== "production" || env().EMBEDDED_STACK;

// The secret is shown once, to the admin who made it (the receiver needs it to verify).
export async function createEndpoint(
  { url, events }: { url: string; events: string[] },
  actor: AuditActor,
): Promise<Result<{ id: string; secret: string }>> {
  const problem = await endpointUrlProblem(url, allowLocalEndpoints());
  if (problem) return failure("invalid_input", `url: ${problem}`);
  const secret = newWebhookSecret();
  const { id } = await createEndpointRow(url, events, secret);
  await recordAudit(actor, "webhook.create", { type: "WebhookEndpoint", id }, { url, events });
  return success({ id, secret });
}

export async function rotateSecret(id: string, actor: AuditActor): Promise<Result<{ secret: string }>> {
  const secret = newWebhookSecret();
  const graceUntil = new Date(Date.now() + ROTATION_GRACE_HOURS * 3_600_000);
  if (!(await rotateEndpointSecret(id, secret, graceUntil))) return failure("not_found", "No such endpoint.");
  await recordAudit(actor, "webhook.rotate", { type: "WebhookEndpoint", id });
  return success({ secret });
}

export async function setActive(id: string, active: boolean, actor: AuditActor): Promise<Result<null>> {
  if (!(await setEndpointActive(id, active))) return failure("not_found", "No such endpoint.");
  await recordAudit(actor, active ? "webhook.enable" : "webhook.disable", { type: "WebhookEndpoint", id });
  return success(null);
}

export async function redeliverMessage(id: string, actor: AuditActor): Promise<Result<null>> {
  if (!(await redeliver(id))) return failure("not_found", "No such delivery, or it is still being sent.");
  await recordAudit(actor, "webhook.redeliver", { type: "WebhookDelivery", id });
  return success(null);
}

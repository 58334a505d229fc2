"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "../../input-schemas";
import { WEBHOOK_EVENTS } from "../../webhooks/events";
import { createEndpoint, redeliverMessage, rotateSecret, setActive } from "../../webhooks/endpoints";
import type { Result } from "../../result";
import { actorOf, adminFormAction } from "./admin-action";

const revalidated = <T>(result: Result<T>) => {
  if (result.status === "success") revalidatePath("/admin/webhooks");
  return result;
};

export const createWebhookEndpointAction = adminFormAction(
  "createWebhookEndpointAction",
  z.object({
    url: z.string().trim().max(2000, "at most 2000 characters"),
    events: z
      .union([z.enum(WEBHOOK_EVENTS), z.array(z.enum(WEBHOOK_EVENTS))])
      .transform((value) => (Array.isArray(value) ? [...new Set(value)] : [value])),
  }),
  async (input, admin) => revalidated(await createEndpoint(input, actorOf(admin))),
);

export const rotateWebhookSecretAction = adminFormAction(
  "rotateWebhookSecretAction",
  z.object({ id: recordId }),
  async ({ id }, admin) => revalidated(await rotateSecret(id, actorOf(admin))),
);

export const setWebhookEndpointActiveAction = adminFormAction(
  "setWebhookEndpointActiveAction",
  z.object({ id: recordId, active: z.enum(["true", "false"]).transform((value) => value === "true") }),
  async ({ id, active }, admin) => revalidated(await setActive(id, active, actorOf(admin))),
);

export const redeliverWebhookAction = adminFormAction(
  "redeliverWebhookAction",
  z.object({ id: recordId }),
  async ({ id }, admin) => revalidated(await redeliverMessage(id, actorOf(admin))),
);

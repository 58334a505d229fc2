"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createRelease, publishRelease, yankRelease } from "../../publishing/releases";
import { ok } from "../result";
import { actorOf, adminFormAction } from "./admin-action";

const id = z.string().trim().min(1).max(64);

export const createReleaseAction = adminFormAction(
  z.object({
    productId: id,
    version: z.string().trim().min(1).max(64),
    channel: z.enum(["stable", "beta"]),
    notes: z.string().max(20_000).default(""),
  }),
  async (input, admin) => {
    const release = await createRelease(input, actorOf(admin));
    revalidatePath(`/admin/products/${input.productId}`);
    return ok({ id: release.id });
  },
);

export const publishReleaseAction = adminFormAction(z.object({ releaseId: id }), async ({ releaseId }, admin) => {
  await publishRelease(releaseId, actorOf(admin));
  revalidatePath(`/admin/releases/${releaseId}`);
  return ok({ id: releaseId });
});

export const yankReleaseAction = adminFormAction(
  z.object({ releaseId: id, reason: z.string().trim().min(3, "say why, for the changelog").max(500) }),
  async ({ releaseId, reason }, admin) => {
    await yankRelease(releaseId, reason, actorOf(admin));
    revalidatePath(`/admin/releases/${releaseId}`);
    return ok({ id: releaseId });
  },
);

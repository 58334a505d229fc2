"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { lineText, multilineText, recordId } from "../../input-schemas";
import { releaseVersion } from "../../publishing/api-schemas";
import { createRelease, publishRelease, yankRelease } from "../../publishing/releases";
import { success } from "../../result";
import { actorOf, adminFormAction } from "./admin-action";

const id = recordId;

export const createReleaseAction = adminFormAction(
  "createReleaseAction",
  z.object({
    productId: id,
    version: releaseVersion,
    channel: z.enum(["stable", "beta"]),
    notes: multilineText(20_000).default(""),
  }),
  async (input, admin) => {
    const release = await createRelease(input, actorOf(admin));
    revalidatePath(`/admin/products/${input.productId}`);
    return success({ id: release.id });
  },
);

export const publishReleaseAction = adminFormAction(
  "publishReleaseAction",
  z.object({ releaseId: id }),
  async ({ releaseId }, admin) => {
    await publishRelease(releaseId, actorOf(admin));
    revalidatePath(`/admin/releases/${releaseId}`);
    return success({ id: releaseId });
  },
);

export const yankReleaseAction = adminFormAction(
  "yankReleaseAction",
  z.object({ releaseId: id, reason: lineText(500).pipe(z.string().min(3, "say why, for the changelog")) }),
  async ({ releaseId, reason }, admin) => {
    await yankRelease(releaseId, reason, actorOf(admin));
    revalidatePath(`/admin/releases/${releaseId}`);
    return success({ id: releaseId });
  },
);

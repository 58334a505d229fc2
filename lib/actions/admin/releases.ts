"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordId } from "../../input-schemas";
import { createReleaseInput, yankReason } from "../../schemas/releases";
import { createRelease, publishRelease, yankRelease } from "../../publishing/releases";
import { success } from "../../result";
import { actorOf, adminFormAction } from "./admin-action";

const id = recordId;

export const createReleaseAction = adminFormAction(
  "createReleaseAction",
  createReleaseInput,
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
  z.object({ releaseId: id, reason: yankReason }),
  async ({ releaseId, reason }, admin) => {
    await yankRelease(releaseId, reason, actorOf(admin));
    revalidatePath(`/admin/releases/${releaseId}`);
    return success({ id: releaseId });
  },
);

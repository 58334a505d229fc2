"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiToken, revokeApiToken } from "../../publishing/tokens";
import { ok } from "../result";
import { actorOf, adminFormAction } from "./admin-action";

export const createTokenAction = adminFormAction(
  z.object({ name: z.string().trim().min(2, "name it after where it is used").max(80) }),
  async ({ name }, admin) => {
    const token = await createApiToken(name, actorOf(admin));
    revalidatePath("/admin/tokens");
    return ok({ name: token.name, secret: token.secret });
  },
);

export const revokeTokenAction = adminFormAction(z.object({ id: z.string().trim().min(1).max(64) }), async ({ id }, admin) => {
  await revokeApiToken(id, actorOf(admin));
  revalidatePath("/admin/tokens");
  return ok(null);
});

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { lineText, recordId } from "../../input-schemas";
import { createApiToken, revokeApiToken } from "../../publishing/tokens";
import { ok } from "../result";
import { actorOf, adminFormAction } from "./admin-action";

export const createTokenAction = adminFormAction(
  "createTokenAction",
  z.object({ name: lineText(80).pipe(z.string().min(2, "name it after where it is used")) }),
  async ({ name }, admin) => {
    const token = await createApiToken(name, actorOf(admin));
    revalidatePath("/admin/tokens");
    return ok({ name: token.name, secret: token.secret });
  },
);

export const revokeTokenAction = adminFormAction("revokeTokenAction", z.object({ id: recordId }), async ({ id }, admin) => {
  await revokeApiToken(id, actorOf(admin));
  revalidatePath("/admin/tokens");
  return ok(null);
});

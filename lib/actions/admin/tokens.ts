"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { lineText, recordId } from "../../input-schemas";
import { TOKEN_SCOPES } from "../../publishing/contract";
import { createApiToken, revokeApiToken } from "../../publishing/tokens";
import { success } from "../../result";
import { actorOf, adminFormAction } from "./admin-action";

export const createTokenAction = adminFormAction(
  "createTokenAction",
  z.object({
    name: lineText(80).pipe(z.string().min(2, "name it after where it is used")),
    scope: z.enum(TOKEN_SCOPES).default("publish"),
  }),
  async ({ name, scope }, admin) => {
    const token = await createApiToken(name, actorOf(admin), scope);
    revalidatePath("/admin/tokens");
    return success({ name: token.name, secret: token.secret });
  },
);

export const revokeTokenAction = adminFormAction(
  "revokeTokenAction",
  z.object({ id: recordId }),
  async ({ id }, admin) => {
    await revokeApiToken(id, actorOf(admin));
    revalidatePath("/admin/tokens");
    return success(null);
  },
);

"use server";

import { revalidatePath } from "next/cache";
import { storeSettingsForm } from "../../schemas/store-settings";
import { updateStoreSettings } from "../../store/settings";
import { actorOf, adminFormAction } from "./admin-action";

export const saveStoreSettingsAction = adminFormAction(
  "saveStoreSettingsAction",
  storeSettingsForm,
  async (input, admin) => {
    const saved = await updateStoreSettings(input, actorOf(admin));
    // Every page shows the name and logo: the layout's render is stale everywhere.
    if (saved.status === "success") revalidatePath("/", "layout");
    return saved;
  },
);

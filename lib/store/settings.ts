// Changing the store's settings, with its audit, for whoever asks (today Admin → Settings).
import "server-only";
import { recordAudit, type AuditActor } from "../dal/audit";
import { currentLogoKey, writeStoreSettings } from "../dal/store-settings";
import { log } from "../log";
import { failure, success, type Result } from "../result";
import type { StoreSettingsForm } from "../schemas/store-settings";
import { deleteImage, storeImage } from "../storage/media";

export async function updateStoreSettings(
  { logo, removeLogo, ...fields }: StoreSettingsForm,
  actor: AuditActor,
): Promise<Result<null>> {
  const previous = await currentLogoKey();
  let logoKey = removeLogo ? null : previous;
  if (logo) {
    // Checked and stored before the row changes: a refused or failed upload changes nothing.
    const stored = await storeImage("store", new Uint8Array(await logo.arrayBuffer())).catch((error) => {
      log.error({ err: error }, "store logo could not be stored");
      return undefined;
    });
    if (stored === null) return failure("invalid_input", "logo: a PNG, JPEG, GIF or WebP image");
    if (stored === undefined) return failure("unavailable", "The logo could not be stored; try again.");
    logoKey = stored.key;
  }
  await writeStoreSettings({ ...fields, logoKey });
  if (previous && previous !== logoKey) {
    // The row no longer names it, so the media route already answers 404; the object is garbage.
    await deleteImage(previous).catch((error) => log.warn({ err: error }, "old store logo not deleted"));
  }
  await recordAudit(
    actor,
    "settings.update",
    { type: "StoreSettings", id: "store" },
    { name: fields.name, logo: logoKey === previous ? "kept" : logoKey ? "replaced" : "removed" },
  );
  return success(null);
}

// The changes a buyer makes on their own account (/account): freeing a machine of a licence key,
// and choosing which emails they get about a product. Each checks, inside its own statement,
// that the record is the caller's; anything else is answered exactly like an unknown id, audited.
import "server-only";
import type { CurrentUser } from "../auth/session";
import { deleteOwnActivation, hasPurchased } from "../dal/account";
import { recordDenial } from "../dal/audit";
import { optIn, optOut } from "../dal/release-notifications";
import { failure, success, type Result } from "../result";
import type { EmailPreferenceInput } from "../schemas/account";

type Caller = { surface: string; ip: string | null };

const actorOf = (user: CurrentUser) => ({ kind: "user" as const, id: user.id, email: user.email });

async function notYours(user: CurrentUser, caller: Caller, message: string): Promise<Result<never>> {
  await recordDenial("account.denied", { actor: actorOf(user), reason: "not_found", ...caller });
  return failure("not_found", message);
}

// The machine's activation is gone at once: the key can activate another machine straight away.
export async function deactivateOwnMachine(
  user: CurrentUser,
  activationId: string,
  caller: Caller,
): Promise<Result<{ label: string | null }>> {
  const removed = await deleteOwnActivation(user.id, activationId, actorOf(user));
  if (!removed) return notYours(user, caller, "None of your licence keys is active on that machine.");
  return success({ label: removed.label });
}

// Preferences are kept by address (the one the emails go to), for products the user owns.
export async function setEmailPreference(
  user: CurrentUser,
  input: EmailPreferenceInput,
  caller: Caller,
): Promise<Result<EmailPreferenceInput>> {
  if (!(await hasPurchased(user.id, input.productId)))
    return notYours(user, caller, "You do not own that product.");
  if (input.emails === "on") await optIn(user.email, input.productId, input.topic);
  else await optOut(user.email, input.productId, input.topic);
  return success(input);
}

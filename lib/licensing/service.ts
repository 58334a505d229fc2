import "server-only";
import { z } from "zod";
import type { RateLimitHit } from "../dal/rate-limit";
import { activateMachine, checkLicense, deactivateMachine, findLicenseByKey } from "../dal/licenses";
import { activationLimitOf } from "../catalog/tiers";
import { lineText } from "../input-schemas";
import { created, failure, success, type Result } from "../result";
import { countLicenseCheck, quotaAnswer } from "./endpoint";
import { normalizeLicenseKey } from "./keys";

// What apps ask with a licence key: is it good, for which product, until when do updates run,
// and is this machine one of its activations. The key itself is the credential.

const key = z
  .string()
  .max(64)
  .transform((value, context) => {
    const normalized = normalizeLicenseKey(value);
    if (!normalized)
      context.addIssue({ code: "custom", message: "is not a licence key (DL-XXXXX-XXXXX-XXXXX-XXXXX)" });
    return normalized ?? "";
  });
// A stable machine id the app computes (e.g. a hash of hardware ids); opaque to us.
const fingerprint = z
  .string()
  .trim()
  .min(8)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces");
const slug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9-]+$/, "a product slug (lowercase letters, digits, dashes)");

// Required: `valid` answers "may this app run", and a key is only good for the product it was
// bought for. Without the product, a key for the cheapest product would unlock every app.
const forProduct = z
  .string({
    error: "required: the slug of the product your app is (a key for another product answers valid: false)",
  })
  .pipe(slug);

export const validateBody = z
  .object({ key, fingerprint: fingerprint.optional(), product: forProduct })
  .strict();
export const activateBody = z
  .object({ key, fingerprint, product: forProduct, label: lineText(120).optional() })
  .strict();
export const deactivateBody = z.object({ key, fingerprint }).strict();

type License = NonNullable<Awaited<ReturnType<typeof findLicenseByKey>>>;
type LicenseView = ReturnType<typeof describe>;
type Machine = { fingerprint: string; activated: boolean };
// What an app is told about its key (openapi.yaml's License): on success, and beside a refusal.
export type LicenseAnswer = Omit<LicenseView, "status"> & { status: string; machine?: Machine };

const unknownKey = failure("unknown_key", "No licence has this key.", { details: { valid: false } });

const limitOf = ({ entitlement }: License) =>
  activationLimitOf(entitlement.tier?.machinesPerSeat, entitlement.seats);

function describe(license: License) {
  const { entitlement } = license;
  const status = license.revokedAt ? "license_revoked" : entitlement.status;
  return {
    valid: status === "active",
    key: license.key,
    status,
    product: { slug: entitlement.product.slug, name: entitlement.product.name },
    updatesUntil: entitlement.updatesUntil?.toISOString() ?? null,
    activations: { used: license._count.activations, limit: limitOf(license) },
  };
}

// A key for another product is valid: false, not a refusal: the app learns what the key is for.
// One round trip: the address's budget, the key, its machines and this machine's check-in.
export async function validateLicense(
  input: z.output<typeof validateBody>,
  hit: RateLimitHit,
): Promise<Result<LicenseAnswer>> {
  const checked = await checkLicense(hit, input.key, input.product, input.fingerprint ?? null);
  const quota = quotaAnswer(hit, checked.hits, "licence checks");
  if (quota.status === "error") return quota;
  const { license } = checked;
  if (!license) return unknownKey;
  const view = describe(license);
  if (input.product !== license.entitlement.product.slug) {
    return success({ ...view, valid: false, status: "wrong_product" });
  }
  if (!input.fingerprint) return success(view);
  return success({ ...view, machine: { fingerprint: input.fingerprint, activated: checked.activated } });
}

// A change to a key's machines: the address's budget is counted first, then the key looked up.
async function countedLicense(key: string, hit: RateLimitHit): Promise<Result<License>> {
  const quota = await countLicenseCheck(hit);
  if (quota.status === "error") return quota;
  const license = await findLicenseByKey(key);
  return license ? success(license) : unknownKey;
}

export async function activateLicense(
  input: z.output<typeof activateBody>,
  hit: RateLimitHit,
): Promise<Result<LicenseAnswer>> {
  const found = await countedLicense(input.key, hit);
  if (found.status === "error") return found;
  const license = found.data;
  const view = describe(license);
  // An app that takes a successful activation for "licensed" must not be unlocked by a key for
  // another product, nor use up that key's machines.
  if (input.product !== license.entitlement.product.slug) {
    const message = `This licence is for ${view.product.name}, not this product; it cannot activate machines here.`;
    return failure("wrong_product", message, { details: { ...view, valid: false, status: "wrong_product" } });
  }
  if (!view.valid) {
    const message = `This licence is ${view.status.replace("_", " ")}; it cannot activate machines.`;
    return failure("not_active", message, { details: view });
  }
  const limit = limitOf(license);
  const result = await activateMachine(license.id, input.fingerprint, input.label ?? null, limit);
  if (!result.ok) {
    const message = `This licence is active on ${result.used} of ${result.limit} machines. Deactivate one first.`;
    const activations = { used: result.used, limit: result.limit };
    return failure("activation_limit", message, { details: { ...view, activations } });
  }
  const machine = { fingerprint: input.fingerprint, activated: true };
  const answer = { ...view, activations: { used: result.used, limit }, machine };
  return result.created ? created(answer) : success(answer);
}

export async function deactivateLicense(
  input: z.output<typeof deactivateBody>,
  hit: RateLimitHit,
): Promise<Result<LicenseAnswer>> {
  const found = await countedLicense(input.key, hit);
  if (found.status === "error") return found;
  const license = found.data;
  if (!(await deactivateMachine(license.id, input.fingerprint))) {
    return failure("not_activated", "This machine is not activated on this licence.");
  }
  const after = (await findLicenseByKey(input.key)) ?? license;
  return success({ ...describe(after), machine: { fingerprint: input.fingerprint, activated: false } });
}

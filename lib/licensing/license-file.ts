// Offline licences: a licence file is a JWS in compact form (RFC 7515) signed with the store's
// Ed25519 key (alg EdDSA, RFC 8037), so an app verifies it with nothing but the public key and
// any JOSE library, or with 15 lines of plain Ed25519 (docs/licences.md). The signed input is the
// ASCII of `<header>.<payload>`; the header's `kid` names the key among GET /api/v1/licenses/keys.
import "server-only";
import { findLicenseFacts, type LicenseFacts } from "../dal/license-files";
import { env } from "../env";
import type { Result } from "../result";
import type { LicenseAnswer } from "./service";
import { activeLicenseKeyId, signLicenseBytes } from "./signing-keys";

export const LICENSE_FILE_TYPE = "downlink-licence+jws";

export type LicenseFileClaims = {
  store: string;
  key: string;
  product: { slug: string; name: string };
  tier: string | null;
  seats: number;
  updatesUntil: string | null;
  machine: string | null; // the fingerprint it was activated for; null: any machine
  issuedAt: string;
};

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export function signLicenseFile(license: LicenseFacts, machine: string | null, issuedAt = new Date()) {
  const { entitlement } = license;
  const claims: LicenseFileClaims = {
    store: env().APP_URL,
    key: license.key,
    product: entitlement.product,
    tier: entitlement.tier?.name ?? null,
    seats: entitlement.seats,
    updatesUntil: entitlement.updatesUntil?.toISOString() ?? null,
    machine,
    issuedAt: issuedAt.toISOString(),
  };
  const header = { alg: "EdDSA", typ: LICENSE_FILE_TYPE, kid: activeLicenseKeyId() };
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${signLicenseBytes(Buffer.from(input, "ascii")).signature}`;
}

// Only a live licence gets a file: one for a revoked key or a refunded purchase would keep
// unlocking the app offline.
export const licenseFileAllowed = (license: LicenseFacts) =>
  license.revokedAt === null && license.entitlement.status === "active";

// Activate answers with the licence file for the machine it activated, beside the usual answer.
export function withLicenseFile<I extends { fingerprint: string }, H>(
  activate: (input: I, hit: H) => Promise<Result<LicenseAnswer>>,
) {
  return async (input: I, hit: H): Promise<Result<LicenseAnswer & { licenseFile?: string }>> => {
    const result = await activate(input, hit);
    if (result.status === "error") return result;
    const license = await findLicenseFacts({ key: result.data.key });
    if (!license || !licenseFileAllowed(license)) return result;
    return { ...result, data: { ...result.data, licenseFile: signLicenseFile(license, input.fingerprint) } };
  };
}

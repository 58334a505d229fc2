// Offline licences and signed answers, verified the way an app in the field verifies them: with
// nothing but a public key published by GET /api/v1/licenses/keys and Node's own Ed25519
// (docs/licences.md has the same check in Node and Go).
import { createPublicKey, generateKeyPairSync, randomBytes, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getCurrentUser } from "../lib/auth/session";
import { grantManualEntitlement } from "../lib/dal/customers";
import { embeddedLicenseKey } from "../lib/embedded-defaults";
import { dispatchApiRequest } from "./support/api-routes";
import { createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));
afterAll(async () => {
  vi.unstubAllEnvs();
  await prisma.$disconnect();
});

type PublishedKey = { id: string; publicKey: string; signing: boolean };

// What an app ships with: the published keys, by id.
async function publishedKeys(route = dispatchApiRequest) {
  const response = await route(new Request("http://localhost/api/v1/licenses/keys"));
  return ((await response.json()) as { keys: PublishedKey[] }).keys;
}

const rawPublicKey = (base64: string) =>
  createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(base64, "base64").toString("base64url") },
    format: "jwk",
  });

// The offline check: three base64url parts, the signature over the ASCII of the first two.
function verifyLicenseFile(file: string, keys: PublishedKey[]) {
  const [header, payload, signature] = file.trim().split(".");
  const { alg, kid } = JSON.parse(Buffer.from(header, "base64url").toString());
  const key = keys.find((candidate) => candidate.id === kid);
  // base64url has spare bits in its last character: only the one encoding of the 64 bytes counts.
  const bytes = Buffer.from(signature, "base64url");
  if (alg !== "EdDSA" || !key || bytes.length !== 64 || bytes.toString("base64url") !== signature)
    return null;
  const ok = verify(null, Buffer.from(`${header}.${payload}`), rawPublicKey(key.publicKey), bytes);
  return ok ? { kid, claims: JSON.parse(Buffer.from(payload, "base64url").toString()) } : null;
}

function verifyAnswer(headers: Headers, body: string, keys: PublishedKey[]) {
  const fields = Object.fromEntries(
    (headers.get("downlink-signature") ?? "")
      .split(",")
      .map((part) => part.trim().split("=") as [string, string]),
  );
  const key = keys.find((candidate) => candidate.id === fields.kid);
  if (!key) return false;
  return verify(
    null,
    Buffer.from(`${fields.t}.${body}`),
    rawPublicKey(key.publicKey),
    Buffer.from(fields.sig, "base64url"),
  );
}

async function call(path: string, body: unknown, route = dispatchApiRequest) {
  const request = new Request(`http://localhost/api/v1/licenses/${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-forwarded-for": `203.0.113.${randomBytes(4).toString("hex")}`,
    },
    body: JSON.stringify(body),
  });
  const response = await route(request);
  return { status: response.status, text: await response.text(), headers: response.headers };
}

let slug: string;
let key: string;
let licenseId: string;
let owner: { id: string; email: string };
const machine = `machine-${randomBytes(8).toString("hex")}`;

beforeAll(async () => {
  slug = unique("offline");
  const product = await prisma.product.create({
    data: {
      slug,
      name: "Offline",
      tiers: { create: { name: "Team", priceCents: 900, machinesPerSeat: 2, updateMonths: 12 } },
    },
  });
  owner = await createUser();
  const entitlement = await grantManualEntitlement(owner.id, product.id, "test");
  const license = await prisma.license.findUniqueOrThrow({ where: { entitlementId: entitlement!.id } });
  [key, licenseId] = [license.key, license.id];
});

describe("offline licence files", () => {
  it("come back from activate and verify offline with the published key; one changed byte fails", async () => {
    const keys = await publishedKeys();
    const activated = await call("activate", { key, product: slug, fingerprint: machine });
    expect(activated.status).toBe(201);
    const { licenseFile } = JSON.parse(activated.text);
    const verified = verifyLicenseFile(licenseFile, keys);
    expect(verified?.claims).toMatchObject({
      key,
      product: { slug, name: "Offline" },
      tier: "Team",
      seats: 1,
      machine,
      updatesUntil: expect.stringMatching(/^\d{4}-/),
      issuedAt: expect.stringMatching(/^\d{4}-/),
    });
    let [tried, failures] = [0, 0];
    for (let at = 0; at < licenseFile.length; at += 1) {
      const changed = `${licenseFile.slice(0, at)}${licenseFile[at] === "A" ? "B" : "A"}${licenseFile.slice(at + 1)}`;
      if (changed === licenseFile) continue;
      tried += 1;
      let result = null;
      try {
        result = verifyLicenseFile(changed, keys);
      } catch {}
      if (result === null || JSON.stringify(result.claims) !== JSON.stringify(verified?.claims))
        failures += 1;
      else expect.fail(`a change at ${at} still verified with the same claims`);
    }
    expect(failures).toBe(tried);
    expect(tried).toBeGreaterThan(400);
  });

  it("downloads from the library for the key's owner only", async () => {
    const { GET } = await import("../app/download/license/[licenseId]/route");
    const fetchAs = async (user: { id: string; email: string } | null) => {
      vi.mocked(getCurrentUser).mockResolvedValue(user && { ...user, isAdmin: false });
      const request = new Request(`http://localhost/download/license/${licenseId}`);
      return GET(request, { params: Promise.resolve({ licenseId }) });
    };
    const own = await fetchAs(owner);
    expect(own.status).toBe(200);
    expect(own.headers.get("content-disposition")).toContain(`${slug}-${key}.license`);
    const file = verifyLicenseFile(await own.text(), await publishedKeys());
    expect(file?.claims).toMatchObject({ key, machine: null });
    expect((await fetchAs(await createUser())).status).toBe(404);
    expect((await fetchAs(null)).status).toBe(401);
  });
});

describe("signed licence answers", () => {
  it("sign validate's exact body with the key named in the header; a changed body fails", async () => {
    const keys = await publishedKeys();
    const answer = await call("validate", { key, product: slug, fingerprint: machine });
    expect(JSON.parse(answer.text)).toMatchObject({ valid: true, machine: { activated: true } });
    expect(verifyAnswer(answer.headers, answer.text, keys)).toBe(true);
    expect(verifyAnswer(answer.headers, answer.text.replace('"valid":true', '"valid":false'), keys)).toBe(
      false,
    );
    const unknown = await call("validate", { key: "DL-00000-00000-00000-00001", product: slug });
    expect([unknown.status, verifyAnswer(unknown.headers, unknown.text, keys)]).toEqual([404, true]);
  });
});

describe("key rotation", () => {
  it("signs with the new key and still verifies what the old and the retired keys signed", async () => {
    const oldFile = JSON.parse(
      (await call("activate", { key, product: slug, fingerprint: machine })).text,
    ).licenseFile;
    const seed = (pair: ReturnType<typeof generateKeyPairSync>) =>
      Buffer.from(pair.privateKey.export({ format: "jwk" }).d!, "base64url").toString("base64");
    const retired = generateKeyPairSync("ed25519");
    const retiredPublic = Buffer.from(retired.publicKey.export({ format: "jwk" }).x!, "base64url").toString(
      "base64",
    );
    vi.stubEnv(
      "LICENSE_SIGNING_KEYS",
      `2027-01:${seed(generateKeyPairSync("ed25519"))},${embeddedLicenseKey}`,
    );
    vi.stubEnv("LICENSE_PUBLIC_KEYS", `2025-01:${retiredPublic}`);
    vi.resetModules();
    const { GET: keysRoute } = await import("../app/api/v1/licenses/keys/route");
    const { POST: activate } = await import("../app/api/v1/licenses/activate/route");
    const rotated = (await publishedKeys(() => keysRoute())).map(({ id, signing }) => [id, signing]);
    expect(rotated).toEqual([
      ["2027-01", true],
      ["local-dev", false],
      ["2025-01", false],
    ]);
    const keys = await publishedKeys(() => keysRoute());
    expect(verifyLicenseFile(oldFile, keys)?.kid).toBe("local-dev");
    const route = (request: Request) => activate(request, { params: Promise.resolve({}) });
    const fresh = await call("activate", { key, product: slug, fingerprint: machine }, route);
    expect(verifyLicenseFile(JSON.parse(fresh.text).licenseFile, keys)?.kid).toBe("2027-01");
    expect(verifyAnswer(fresh.headers, fresh.text, keys)).toBe(true);
    recordSecurityEvidence({
      section: "supply-chain",
      title: "Licence signing keys",
      columns: ["check", "result"],
      rows: [
        ["licence file verifies offline with the published key", "yes"],
        ["licence file with one changed character", "refused"],
        ["validate answer verifies over its exact body", "yes"],
        ["file signed before a rotation, after it", "verifies (old key id still published)"],
      ],
    });
  });
});

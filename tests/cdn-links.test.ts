// DOWNLOAD_CDN=cloudfront: the same stable link, the same checks and audit, and a CloudFront
// signed URL in place of the presigned GET. Checked offline as CloudFront checks it: the canned
// policy rebuilt from the URL, its RSA signature verified with the public key of the pair.
import { createVerify, generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as fileRoute } from "../app/download/file/[fileId]/route";
import { grantManualEntitlement } from "../lib/dal/customers";
import { attachmentDisposition } from "../lib/storage/content-disposition";
import { recordSecurityEvidence } from "./support/security-evidence";
import { config, createProductWithFile, createUser, prisma, sessionCookie } from "./support/fixtures";

const DISTRIBUTION = "https://d111111abcdef8.cloudfront.net";
const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
const pem = pair.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
vi.stubEnv("DOWNLOAD_CDN", "cloudfront");
vi.stubEnv("CLOUDFRONT_URL", DISTRIBUTION);
vi.stubEnv("CLOUDFRONT_KEY_PAIR_ID", "K2JCJMDEHXQW5F");
vi.stubEnv("CLOUDFRONT_PRIVATE_KEY", pem.replace(/\n/g, "\\n")); // as one line of an env file
afterAll(async () => {
  vi.unstubAllEnvs();
  await prisma.$disconnect();
});

let fileId: string;
let cookie: string;
let file: { objectKey: string; filename: string };

beforeAll(async () => {
  const made = await createProductWithFile({ filename: "Über Tool 1.0 (beta).zip" });
  const user = await createUser();
  await grantManualEntitlement(user.id, made.product.id, "test");
  [fileId, cookie, file] = [made.file.id, await sessionCookie(user), made.file];
});

// CloudFront's base64: + → -, = → _, / → ~ (its signed-URL documentation).
const fromCloudFront = (text: string) =>
  Buffer.from(text.replace(/-/g, "+").replace(/_/g, "=").replace(/~/g, "/"), "base64");

function checkSignedUrl(url: string) {
  const [resource, signing] = url.split(/&(?=Expires=)/);
  const params = new URLSearchParams(signing);
  const policy = JSON.stringify({
    Statement: [
      { Resource: resource, Condition: { DateLessThan: { "AWS:EpochTime": Number(params.get("Expires")) } } },
    ],
  });
  const verifier = createVerify("RSA-SHA256").update(policy);
  return {
    resource,
    params,
    valid: verifier.verify(pair.publicKey, fromCloudFront(params.get("Signature")!)),
  };
}

async function download() {
  const request = new Request(`http://localhost/download/file/${fileId}`, { headers: { cookie } });
  return fileRoute(request, { params: Promise.resolve({ fileId }) });
}

describe("CloudFront download links", () => {
  it("are signed for the object, its filename and the link's lifetime, and verify with the public key", async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await download();
    const after = Math.floor(Date.now() / 1000);
    expect(answer.status).toBe(303);
    const location = answer.headers.get("location")!;
    const { resource, params, valid } = checkSignedUrl(location);
    expect(valid).toBe(true);
    const target = new URL(resource);
    expect(target.origin).toBe(DISTRIBUTION);
    expect(decodeURIComponent(target.pathname.slice(1))).toBe(file.objectKey);
    expect(target.searchParams.get("response-content-disposition")).toBe(
      attachmentDisposition(file.filename),
    );
    expect(target.searchParams.get("response-content-type")).toBe("application/zip");
    expect([params.get("Key-Pair-Id"), params.get("Hash-Algorithm")]).toEqual(["K2JCJMDEHXQW5F", "SHA256"]);
    const expires = Number(params.get("Expires"));
    expect(expires).toBeGreaterThanOrEqual(before + config.DOWNLOAD_LINK_TTL_SECONDS);
    expect(expires).toBeLessThanOrEqual(after + config.DOWNLOAD_LINK_TTL_SECONDS);
    // The same audit as a presigned link: one issued download for this file.
    expect(await prisma.downloadEvent.count({ where: { fileId, outcome: "issued" } })).toBe(1);
  });

  it("fail the signature when any part is changed: the object, the filename, the expiry", async () => {
    const location = (await download()).headers.get("location")!;
    const expires = /Expires=(\d+)/.exec(location)![1];
    for (const tampered of [
      location.replace(encodeURIComponent(file.objectKey.split("/").pop()!), "other.zip"),
      location.replace("response-content-disposition=attachment", "response-content-disposition=inline"),
      location.replace(`Expires=${expires}`, `Expires=${Number(expires) + 3600}`),
    ]) {
      expect(tampered).not.toBe(location);
      expect(checkSignedUrl(tampered).valid).toBe(false);
    }
    recordSecurityEvidence({
      section: "access-control",
      title: "CloudFront download links",
      columns: ["check", "result"],
      rows: [
        ["signature over the canned policy, with the pair's public key", "verifies"],
        ["expiry", `at DOWNLOAD_LINK_TTL_SECONDS (${config.DOWNLOAD_LINK_TTL_SECONDS} s)`],
        ["changed object, filename or expiry", "signature fails (3 of 3)"],
      ],
    });
  });
});

// Stable download links called with a licence key instead of a session: the key acts only through
// the purchase it belongs to (its status, update window and download cap), never through another
// purchase of the same product by the same customer.
import { randomBytes } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it, vi } from "vitest";
import { GET as latestRoute } from "../app/download/[productSlug]/latest/route";
import { GET as fileRoute } from "../app/download/file/[fileId]/route";
import { newLicenseKey } from "../lib/licensing/keys";
import { config, createUser, prisma, s3, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

// No session anywhere here: the apps that download with a key hold no cookie.
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));

afterAll(() => prisma.$disconnect());

const day = 86_400_000;

// A product with Linux builds of 1.0.0 (60 days ago), 1.2.0 (20) and 2.0.0 (yesterday), each in the bucket.
async function product(downloadLimit: number | null = null) {
  const slug = unique("keyed");
  const created = await prisma.product.create({
    data: {
      slug,
      name: `Keyed ${slug}`,
      tiers: { create: { name: "Standard", priceCents: 1000 } },
      downloadLimit,
    },
  });
  const files: Record<string, { id: string; objectKey: string }> = {};
  for (const [version, daysAgo] of [
    ["1.0.0", 60],
    ["1.2.0", 20],
    ["2.0.0", 1],
  ] as const) {
    const objectKey = `products/${slug}/${version}/${randomBytes(6).toString("hex")}/keyed-${version}.zip`;
    await s3.send(
      new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey, Body: `build ${version}` }),
    );
    const release = await prisma.release.create({
      data: {
        productId: created.id,
        version,
        status: "published",
        publishedAt: new Date(Date.now() - daysAgo * day),
        files: {
          create: {
            platform: "linux_universal",
            filename: `keyed-${version}.zip`,
            objectKey,
            sizeBytes: BigInt(7),
            status: "ready",
          },
        },
      },
      include: { files: true },
    });
    files[version] = release.files[0];
  }
  return { ...created, files };
}

// One purchase of the product by the user, with its own licence key.
async function purchase(
  userId: string,
  productId: string,
  data: { status?: "active" | "revoked"; reason?: string; updatesUntil?: Date } = {},
) {
  const entitlement = await prisma.entitlement.create({
    data: { userId, productId, source: "manual", ...data },
  });
  return (await prisma.license.create({ data: { entitlementId: entitlement.id, key: newLicenseKey() } })).key;
}

const ask = {
  fileInQuery: (fileId: string, key: string) =>
    fileRoute(new Request(`http://localhost/download/file/${fileId}?key=${key}`), {
      params: Promise.resolve({ fileId }),
    }),
  fileWithBearer: (fileId: string, key: string) =>
    fileRoute(
      new Request(`http://localhost/download/file/${fileId}`, {
        headers: { authorization: `Bearer ${key}` },
      }),
      { params: Promise.resolve({ fileId }) },
    ),
  latest: (slug: string, key: string) =>
    latestRoute(new Request(`http://localhost/download/${slug}/latest?platform=linux&key=${key}`), {
      params: Promise.resolve({ productSlug: slug }),
    }),
};

// What came back, in a word: the status, and for a 303 which build it points at.
async function answered(response: Response, files: Record<string, { objectKey: string }>) {
  if (response.status !== 303) return `${response.status} ${(await response.json()).error}`;
  const location = response.headers.get("location") ?? "";
  return `303 ${Object.entries(files).find(([, file]) => location.includes(encodeURI(file.objectKey)))?.[0] ?? "elsewhere"}`;
}

describe("a licence key on the stable links", () => {
  it("acts only through its own purchase: its status, its update window and its download cap", async () => {
    const rows: [string, string, string][] = [];
    const check = async (
      label: string,
      response: Promise<Response>,
      files: Record<string, { objectKey: string }>,
      expected: string,
    ) => {
      rows.push([label, await answered(await response, files), expected]);
    };

    // A refunded purchase (K1) beside a live one (K2, updates until 10 days ago), one customer.
    const tool = await product();
    const owner = await createUser();
    const refunded = await purchase(owner.id, tool.id, { status: "revoked", reason: "after a refund" });
    const live = await purchase(owner.id, tool.id, { updatesUntil: new Date(Date.now() - 10 * day) });
    await check(
      "refunded key K1, /download/file/<1.2.0>?key=K1",
      ask.fileInQuery(tool.files["1.2.0"].id, refunded),
      tool.files,
      "403 forbidden",
    );
    await check(
      "refunded key K1, Authorization: Bearer K1",
      ask.fileWithBearer(tool.files["1.2.0"].id, refunded),
      tool.files,
      "403 forbidden",
    );
    await check(
      "refunded key K1, /download/<product>/latest?key=K1",
      ask.latest(tool.slug, refunded),
      tool.files,
      "403 forbidden",
    );
    await check(
      "live key K2, /download/file/<1.2.0>?key=K2",
      ask.fileInQuery(tool.files["1.2.0"].id, live),
      tool.files,
      "303 1.2.0",
    );
    await check(
      "live key K2, Authorization: Bearer K2",
      ask.fileWithBearer(tool.files["1.2.0"].id, live),
      tool.files,
      "303 1.2.0",
    );
    await check(
      "live key K2, latest (its window ended 10 days ago)",
      ask.latest(tool.slug, live),
      tool.files,
      "303 1.2.0",
    );

    // A windowed purchase (K3) and a newer one with every update (K4): K3 keeps its own window.
    const renewer = await createUser();
    const windowed = await purchase(renewer.id, tool.id, { updatesUntil: new Date(Date.now() - 10 * day) });
    const forever = await purchase(renewer.id, tool.id);
    await check(
      "windowed key K3, 2.0.0 (after its window)",
      ask.fileWithBearer(tool.files["2.0.0"].id, windowed),
      tool.files,
      "403 forbidden",
    );
    await check("windowed key K3, latest", ask.latest(tool.slug, windowed), tool.files, "303 1.2.0");
    await check("key with every update K4, latest", ask.latest(tool.slug, forever), tool.files, "303 2.0.0");

    // Two purchases of a product capped at one download each: each key has its own one.
    const capped = await product(1);
    const buyer = await createUser();
    const [first, second] = [await purchase(buyer.id, capped.id), await purchase(buyer.id, capped.id)];
    await check(
      "capped: first key K5, once",
      ask.fileWithBearer(capped.files["1.0.0"].id, first),
      capped.files,
      "303 1.0.0",
    );
    await check(
      "capped: first key K5, again",
      ask.fileWithBearer(capped.files["1.0.0"].id, first),
      capped.files,
      "403 forbidden",
    );
    await check(
      "capped: second key K6, once",
      ask.fileWithBearer(capped.files["1.0.0"].id, second),
      capped.files,
      "303 1.0.0",
    );

    recordSecurityEvidence({
      section: "access-control",
      title: "Licence keys on the stable download links",
      columns: ["key and request", "answered", "expected", "as expected"],
      rows: rows.map(([label, observed, expected]) => [
        label,
        observed,
        expected,
        observed === expected ? "yes" : "no",
      ]),
      counts: {
        requests: rows.length,
        "as expected": rows.filter(([, observed, expected]) => observed === expected).length,
      },
      note: "Each customer holds two purchases of one product; a key's status, update window and download cap are its own purchase's.",
    });
    expect(rows.map(([label, observed]) => [label, observed])).toEqual(
      rows.map(([label, , expected]) => [label, expected]),
    );
  });
});

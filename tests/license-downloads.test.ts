// Stable download links called with a licence key instead of a session: the key acts only through
// the purchase it belongs to (its status, update window and download cap), never through another
// purchase of the same product by the same customer.
import { afterAll, describe, expect, it, vi } from "vitest";
import { GET as latestRoute } from "../app/download/[productSlug]/latest/route";
import { GET as fileRoute } from "../app/download/file/[fileId]/route";
import { newLicenseKey } from "../lib/licensing/keys";
import { createUser, prisma } from "./support/fixtures";
import { createProductWithReleases } from "./support/products";
import { recordSecurityEvidence } from "./support/security-evidence";

// No session anywhere here: the apps that download with a key hold no cookie.
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn(async () => null) }));

afterAll(() => prisma.$disconnect());

const day = 86_400_000;
const refund = { status: "revoked" as const, reason: "after a refund" };
const windowEnded = { updatesUntil: new Date(Date.now() - 10 * day) };

// A product with Linux builds of 1.0.0 (60 days ago), 1.2.0 (20) and 2.0.0 (yesterday), each in the bucket.
const product = (downloadLimit: number | null = null) =>
  createProductWithReleases(
    [
      ["1.0.0", 60],
      ["1.2.0", 20],
      ["2.0.0", 1],
    ],
    { downloadLimit },
  );

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

type Product = Awaited<ReturnType<typeof product>>;
type Key = { name: string; key: string; of: Product };
const ask = {
  "?key=": (fileId: string, key: string) =>
    fileRoute(new Request(`http://localhost/download/file/${fileId}?key=${key}`), {
      params: Promise.resolve({ fileId }),
    }),
  "Authorization: Bearer": (fileId: string, key: string) =>
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
type How = keyof typeof ask;

// A stable link for one build (by its version), or the latest link when no version is named.
const request = ({ key, of }: Key, how: How, version?: string) =>
  how === "latest" ? ask.latest(of.slug, key) : ask[how](of.files[version!].id, key);

// What came back, in a word: the status, and for a 303 which build it points at.
async function answered(response: Response, files: Record<string, { objectKey: string }>) {
  if (response.status !== 303) return `${response.status} ${(await response.json()).error}`;
  const location = response.headers.get("location") ?? "";
  return `303 ${Object.entries(files).find(([, file]) => location.includes(encodeURI(file.objectKey)))?.[0] ?? "elsewhere"}`;
}

describe("a licence key on the stable links", () => {
  it("acts only through its own purchase: its status, its update window and its download cap", async () => {
    // A refunded purchase (K1) beside a live one (K2, updates until 10 days ago), one customer.
    const tool = await product();
    const owner = await createUser();
    const k1 = { name: "refunded key K1", of: tool, key: await purchase(owner.id, tool.id, refund) };
    const k2 = { name: "live key K2", of: tool, key: await purchase(owner.id, tool.id, windowEnded) };
    // A windowed purchase (K3) and a newer one with every update (K4): K3 keeps its own window.
    const renewer = await createUser();
    const k3 = { name: "windowed key K3", of: tool, key: await purchase(renewer.id, tool.id, windowEnded) };
    const k4 = { name: "key with every update K4", of: tool, key: await purchase(renewer.id, tool.id) };
    // Two purchases of a product capped at one download each: each key has its own one.
    const capped = await product(1);
    const buyer = await createUser();
    const k5 = { name: "capped: first key K5", of: capped, key: await purchase(buyer.id, capped.id) };
    const k6 = { name: "capped: second key K6", of: capped, key: await purchase(buyer.id, capped.id) };

    // In order: K5's second request finds its one download used.
    const cases: [Key, How, string | undefined, string][] = [
      [k1, "?key=", "1.2.0", "403 forbidden"],
      [k1, "Authorization: Bearer", "1.2.0", "403 forbidden"],
      [k1, "latest", undefined, "403 forbidden"],
      [k2, "?key=", "1.2.0", "303 1.2.0"],
      [k2, "Authorization: Bearer", "1.2.0", "303 1.2.0"],
      [k2, "latest", undefined, "303 1.2.0"], // its window ended 10 days ago
      [k3, "Authorization: Bearer", "2.0.0", "403 forbidden"], // after its window
      [k3, "latest", undefined, "303 1.2.0"],
      [k4, "latest", undefined, "303 2.0.0"],
      [k5, "Authorization: Bearer", "1.0.0", "303 1.0.0"],
      [k5, "Authorization: Bearer", "1.0.0", "403 forbidden"],
      [k6, "Authorization: Bearer", "1.0.0", "303 1.0.0"],
    ];
    const rows: [string, string, string][] = [];
    for (const [key, how, version, expected] of cases) {
      const label = `${key.name}, ${how === "latest" ? "latest" : `${version} with ${how}`}`;
      rows.push([label, await answered(await request(key, how, version), key.of.files), expected]);
    }

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

// Update feeds and licence checks, polled by every installed copy: what one costs in round trips
// to PostgreSQL (counted on the wire), and the ETag an updater revalidates with, which must
// change with every release, with the key's status and with its update window, and never let a
// key that is no longer good get a 304.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantManualEntitlement } from "../lib/dal/customers";
import { dispatchApiRequest } from "./support/api-routes";
import { createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";
import { countRoundTrips } from "./support/statements";

let wire: Awaited<ReturnType<typeof countRoundTrips>>;
let slug: string;
let productId: string;
let key: string;
let entitlementId: string;
const day = 86_400_000;

async function release(version: string, daysAgo: number, status: "published" | "draft" = "published") {
  return prisma.release.create({
    data: {
      productId,
      version,
      notes: `Notes of ${version}`,
      status,
      publishedAt: status === "published" ? new Date(Date.now() - daysAgo * day) : null,
      files: {
        create: {
          platform: "linux_x64",
          filename: `Polled-${version}.tar.gz`,
          objectKey: `products/${slug}/${version}/${randomBytes(6).toString("hex")}.tar.gz`,
          sizeBytes: 2048n,
          sha256: randomBytes(32).toString("hex"),
          status: "ready",
        },
      },
    },
  });
}

beforeAll(async () => {
  wire = await countRoundTrips();
  slug = unique("polled");
  productId = (
    await prisma.product.create({
      data: { slug, name: "Polled", tiers: { create: { name: "Standard", priceCents: 900 } } },
    })
  ).id;
  await release("1.0.0", 30);
  const entitlement = await grantManualEntitlement((await createUser()).id, productId, "test");
  entitlementId = entitlement!.id;
  key = (await prisma.license.findUniqueOrThrow({ where: { entitlementId } })).key;
});
afterAll(async () => {
  await wire.stop();
  await prisma.$disconnect();
});

// Each call from its own address, so the per-address budget stays out of the way.
async function poll(path: string, etag?: string) {
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    "x-forwarded-for": `198.51.100.${randomBytes(3).toString("hex")}`,
    ...(etag && { "if-none-match": etag }),
  };
  const { value: response, roundTrips } = await wire.during(() =>
    dispatchApiRequest(new Request(`http://localhost/api/v1/feeds/${slug}/stable/linux${path}`, { headers })),
  );
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: await response.text(),
    roundTrips,
  };
}

describe("update feeds and licence checks", () => {
  it("answer in one round trip, and a feed unchanged since the client's copy with 304 and no body", async () => {
    const first = await poll("");
    const again = await poll("", first.etag!);
    const yaml = await poll("/latest-linux.yml");
    const yamlAgain = await poll("/latest-linux.yml", `W/${yaml.etag}, "something-else"`);
    const validate = await wire.during(() =>
      dispatchApiRequest(
        new Request("http://localhost/api/v1/licenses/validate", {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.77" },
          body: JSON.stringify({ key, product: slug, fingerprint: "machine-0001" }),
        }),
      ),
    );
    const rows = [
      ["GET JSON feed", first.status, first.roundTrips],
      ["GET JSON feed, If-None-Match: its ETag", again.status, again.roundTrips],
      ["GET latest-linux.yml", yaml.status, yaml.roundTrips],
      [
        "GET latest-linux.yml, If-None-Match: W/ its ETag and another",
        yamlAgain.status,
        yamlAgain.roundTrips,
      ],
      ["POST /licenses/validate with a fingerprint", validate.value.status, validate.roundTrips],
    ];
    recordSecurityEvidence({
      section: "access-control",
      title: "What an update check costs",
      columns: ["request (a good licence key)", "answer", "PostgreSQL round trips"],
      rows,
      note: "Round trips counted on the wire; each includes counting the call against its address's budget.",
    });
    expect(rows.map((row) => row[1])).toEqual([200, 304, 200, 304, 200]);
    expect(rows.map((row) => row[2])).toEqual([1, 1, 1, 1, 1]);
    expect(first.etag).toMatch(/^"[\w-]{32}"$/);
    expect(yaml.etag).not.toBe(first.etag);
    expect(again).toMatchObject({ etag: first.etag, body: "" });
  });

  it("changes the ETag with each release, the key's status and its update window", async () => {
    const steps: [string, string, number, string][] = [];
    let last = (await poll("")).etag!;
    const step = async (event: string, change: () => Promise<unknown>) => {
      await change();
      const answer = await poll("", last);
      const now = answer.status === 200 ? answer.etag! : last;
      steps.push([
        event,
        answer.status === 304 ? "304" : String(answer.status),
        answer.status,
        now === last ? "same" : "new",
      ]);
      if (answer.status === 200) last = now;
      return answer;
    };
    const published = await step("a release is published", () => release("1.1.0", 1));
    const draft = await step("a draft is created (not in the feed)", () => release("1.2.0", 0, "draft"));
    const edited = await step("the newest release's notes are edited", () =>
      prisma.release.updateMany({ where: { productId, version: "1.1.0" }, data: { notes: "Edited" } }),
    );
    const yanked = await step("the newest release is yanked", () =>
      prisma.release.updateMany({ where: { productId, version: "1.1.0" }, data: { status: "yanked" } }),
    );
    const window = await step("the key's update window is set", () =>
      prisma.entitlement.update({
        where: { id: entitlementId },
        data: { updatesUntil: new Date(Date.now() + 90 * day) },
      }),
    );
    const revoked = await step("the key is revoked", () =>
      prisma.license.update({ where: { entitlementId }, data: { revokedAt: new Date() } }),
    );
    const restored = await step("the key is restored", () =>
      prisma.license.update({ where: { entitlementId }, data: { revokedAt: null } }),
    );
    const suspended = await step("the purchase is suspended (a dispute)", () =>
      prisma.entitlement.update({ where: { id: entitlementId }, data: { status: "suspended" } }),
    );
    recordSecurityEvidence({
      section: "access-control",
      title: "Update feed revalidation as releases and the key change",
      columns: ["then", "answer to If-None-Match with the last ETag", "status", "ETag"],
      rows: steps,
      note: "A key that is no longer good gets its refusal (403), never 304.",
    });
    expect(published).toMatchObject({ status: 200 });
    expect(draft).toMatchObject({ status: 304 });
    expect(edited).toMatchObject({ status: 200 });
    expect(yanked).toMatchObject({ status: 200 });
    expect(window).toMatchObject({ status: 200 });
    expect(revoked.status).toBe(403);
    expect(restored).toMatchObject({ status: 304 }); // the same key state and releases as before the revocation
    expect(suspended.status).toBe(403);
    expect(new Set([published.etag, edited.etag, yanked.etag, window.etag]).size).toBe(4);
  });
});

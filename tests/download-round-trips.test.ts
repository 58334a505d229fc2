// What one stable link costs: round trips to PostgreSQL counted on the wire (every Sync and
// simple Query, BEGIN/COMMIT and locks included) and HEAD requests to the bucket, for a link
// issued and for each kind of refusal; and the rules that cost must not bend: next-auth's
// session rules, and the clear "missing" answer once the bucket's remembered answer runs out.
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as fileRoute } from "../app/download/file/[fileId]/route";
import { newLicenseKey } from "../lib/licensing/keys";
import { checkObject } from "../lib/storage/s3";
import {
  config,
  createProductWithFile,
  createUser,
  grant,
  prisma,
  s3,
  sessionCookie,
} from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";
import { countRoundTrips } from "./support/statements";

// The real bucket check, counted.
vi.mock("../lib/storage/s3", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/storage/s3")>();
  return { ...actual, checkObject: vi.fn(actual.checkObject) };
});

let wire: Awaited<ReturnType<typeof countRoundTrips>>;
beforeAll(async () => {
  wire = await countRoundTrips();
});
afterAll(async () => {
  vi.useRealTimers();
  await wire.stop();
  await prisma.$disconnect();
});

const click = (fileId: string, headers: Record<string, string> = {}) =>
  fileRoute(new Request(`http://localhost/download/file/${fileId}`, { headers }), {
    params: Promise.resolve({ fileId }),
  });

async function measured(fileId: string, headers: Record<string, string> = {}) {
  vi.mocked(checkObject).mockClear();
  const { value: response, roundTrips } = await wire.during(() => click(fileId, headers));
  return { status: response.status, roundTrips, heads: vi.mocked(checkObject).mock.calls.length };
}

describe("a stable download link", () => {
  it("costs two round trips to PostgreSQL, session read included, and asks the bucket once per object", async () => {
    const customer = await createUser();
    const cookie = { cookie: await sessionCookie(customer) };
    const owned = await createProductWithFile({ downloadLimit: 1 });
    const entitlement = await grant(customer.id, owned.product.id);
    const keyed = await createProductWithFile();
    const key = (
      await prisma.license.create({
        data: { entitlementId: (await grant(customer.id, keyed.product.id)).id, key: newLicenseKey() },
      })
    ).key;
    const stranger = await createProductWithFile();

    const rows: [string, number, number, number][] = [];
    const row = async (label: string, fileId: string, headers: Record<string, string>) => {
      const answer = await measured(fileId, headers);
      rows.push([label, answer.status, answer.roundTrips, answer.heads]);
      return answer;
    };
    const sql = await wire.capture(() => click(keyed.file.id, cookie));
    const first = await row("issued, first click on a file (cap 1)", owned.file.id, cookie);
    await prisma.downloadEvent.deleteMany({ where: { entitlementId: entitlement.id } });
    const again = await row("issued, the same file again", owned.file.id, cookie);
    const capped = await row("refused: the download cap is used up", owned.file.id, cookie);
    const viaKey = await row("issued to an app with a licence key", keyed.file.id, {
      authorization: `Bearer ${key}`,
    });
    const notYours = await row("refused: not in the library", stranger.file.id, cookie);

    recordSecurityEvidence({
      section: "access-control",
      title: "What one stable download link costs",
      columns: ["request", "answer", "PostgreSQL round trips", "HEAD requests to the bucket"],
      rows,
      note: `Round trips counted on the wire (every Sync and simple Query). The SQL of one issued link: ${sql.map((text) => `\`${text.slice(0, 60)}…\``).join(", ")}.`,
    });
    expect([first.status, again.status, capped.status, viaKey.status, notYours.status]).toEqual([
      303, 303, 403, 303, 404,
    ]);
    for (const answer of [first, again, capped, viaKey, notYours]) expect(answer.roundTrips).toBe(2);
    expect(sql).toHaveLength(2);
    expect([first.heads, again.heads, capped.heads, viaKey.heads]).toEqual([1, 0, 0, 0]);
    expect(notYours.heads).toBe(0);
  });

  it("reads the session by next-auth's rules: expired is signed out, an old one slides forward", async () => {
    const customer = await createUser();
    const { product, file } = await createProductWithFile();
    await grant(customer.id, product.id);
    const expired = await sessionCookie(customer, new Date(Date.now() - 1000));
    expect((await click(file.id, { cookie: expired })).status).toBe(401);

    const tenDaysLeft = new Date(Date.now() + 10 * 86_400_000);
    const old = await sessionCookie(customer, tenDaysLeft);
    expect((await click(file.id, { cookie: old })).status).toBe(303);
    const token = old.split("=")[1];
    const { expires } = await prisma.session.findUniqueOrThrow({ where: { sessionToken: token } });
    expect(expires.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const fresh = await sessionCookie(customer);
    const before = (await prisma.session.findUniqueOrThrow({ where: { sessionToken: fresh.split("=")[1] } }))
      .expires;
    expect((await click(file.id, { cookie: fresh })).status).toBe(303);
    const after = (await prisma.session.findUniqueOrThrow({ where: { sessionToken: fresh.split("=")[1] } }))
      .expires;
    expect(after).toEqual(before);
  });

  it("says the object is missing once the bucket's remembered answer has run out", async () => {
    const customer = await createUser();
    const cookie = { cookie: await sessionCookie(customer) };
    const { product, file } = await createProductWithFile();
    await grant(customer.id, product.id);
    expect((await measured(file.id, cookie)).heads).toBe(1);
    await s3.send(new DeleteObjectCommand({ Bucket: config.S3_BUCKET, Key: file.objectKey }));

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + (config.OBJECT_CHECK_CACHE_SECONDS + 1) * 1000 });
    const later = await click(file.id, cookie);
    vi.useRealTimers();
    expect(later.status).toBe(503);
    expect(await later.json()).toEqual({
      error: "unavailable",
      message: `${file.filename} is missing from the file store. The seller has been told; please try again later.`,
    });
    const events = await prisma.downloadEvent.findMany({
      where: { userId: customer.id },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((event) => `${event.outcome}/${event.reason ?? "-"}`)).toEqual([
      "issued/-",
      "failed/object_missing",
    ]);
  });
});

import { afterAll, describe, expect, it } from "vitest";
import { POST as oneClickUnsubscribe } from "../app/api/unsubscribe/route";
import { enqueueReleaseNotifications } from "../lib/dal/release-notifications";
import type { MailMessage } from "../lib/mail/send";
import { sendPendingNotifications } from "../lib/notifications/release-emails";
import { publishRelease } from "../lib/publishing/releases";
import { createProductWithFile, createUser, prisma, unique } from "./support/fixtures";
import { adminActor } from "./support/publishing";

afterAll(() => prisma.$disconnect());

const day = 86_400_000;
type Caught = { to: { address: string }[]; subject: string; headers: Record<string, string> };
const mailbox = async () => (await (await fetch(`${process.env.MAIL_UI_URL}/email`)).json()) as Caught[];

// A product with a draft 2.0.0 and buyers in every situation the sender must tell apart.
async function audience() {
  const { product } = await createProductWithFile();
  const release = await prisma.release.create({
    data: {
      productId: product.id,
      version: "2.0.0",
      notes: "Faster & <safer>.",
      files: {
        create: {
          platform: "linux_universal",
          filename: "t.zip",
          objectKey: `${unique("k")}/t.zip`,
          sizeBytes: 1n,
          status: "ready",
        },
      },
    },
  });
  const person = async (label: string, data: Record<string, unknown> = {}) => {
    const user = await createUser(`${unique(label)}@example.com`);
    await prisma.entitlement.create({
      data: { userId: user.id, productId: product.id, source: "manual", ...data },
    });
    return user.email;
  };
  const forever = await person("forever");
  const inWindow = await person("window", { updatesUntil: new Date(Date.now() + 30 * day) });
  const twice = await person("twice");
  await prisma.entitlement.create({
    data: {
      userId: (await prisma.user.findUniqueOrThrow({ where: { email: twice } })).id,
      productId: product.id,
      source: "manual",
    },
  });
  const guest = `${unique("guest")}@example.com`;
  await prisma.entitlement.create({
    data: { purchaseEmail: guest, productId: product.id, source: "stripe" },
  });
  const expired = await person("expired", { updatesUntil: new Date(Date.now() - day) });
  const revoked = await person("revoked", { status: "revoked" });
  const optedOut = await person("optedout");
  await prisma.emailOptOut.create({ data: { email: optedOut, productId: product.id } });
  return {
    product,
    release,
    expected: [forever, inWindow, twice, guest].sort(),
    excluded: [expired, revoked, optedOut],
  };
}

const queued = async (releaseId: string) =>
  (await prisma.releaseNotification.findMany({ where: { releaseId }, orderBy: { email: "asc" } })).map(
    (row) => row.email,
  );

describe("release emails", () => {
  it("publishing emails each entitled address inside its window once, over SMTP, with one-click unsubscribe", async () => {
    const { release, expected, excluded } = await audience();
    await publishRelease(release.id, await adminActor());
    expect(await queued(release.id)).toEqual(expected);

    // Publishing started a sender in the background; a second one racing it sends nothing twice.
    await sendPendingNotifications({ releaseId: release.id });
    const statuses = async () =>
      (await prisma.releaseNotification.findMany({ where: { releaseId: release.id } })).map(
        (row) => row.status,
      );
    await expect.poll(statuses, { timeout: 20_000 }).toEqual(["sent", "sent", "sent", "sent"]);
    await expect
      .poll(
        async () =>
          (await mailbox())
            .filter((mail) => mail.subject.endsWith("2.0.0 is out"))
            .flatMap((mail) => mail.to.map((to) => to.address))
            .filter((to) => [...expected, ...excluded].includes(to))
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual(expected);

    const mail = (await mailbox()).find(
      (message) => message.to[0].address === expected[0] && message.subject.endsWith("2.0.0 is out"),
    )!;
    expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const oneClick = new URL(/<([^>]+)>/.exec(mail.headers["list-unsubscribe"])![1]);
    expect(oneClick.pathname).toBe("/api/unsubscribe");

    const forged = new URL(oneClick);
    forged.searchParams.set("email", excluded[0]);
    expect((await oneClickUnsubscribe(new Request(forged, { method: "POST" }))).status).toBe(400);
    expect(
      (
        await oneClickUnsubscribe(
          new Request(oneClick, { method: "POST", body: "List-Unsubscribe=One-Click" }),
        )
      ).status,
    ).toBe(200);
    expect(
      await prisma.emailOptOut.count({ where: { email: expected[0], productId: release.productId } }),
    ).toBe(1);

    // Enqueueing again (a retry, a resumed sender) adds nobody.
    expect(await enqueueReleaseNotifications(release.id)).toBe(0);
  });

  it("resumes after a crash mid-send without sending anyone a second email", async () => {
    const { product } = await createProductWithFile();
    const release = await prisma.release.create({
      data: { productId: product.id, version: "3.0.0", status: "published", publishedAt: new Date() },
    });
    const addresses = Array.from({ length: 12 }, () => `${unique("crowd")}@example.com`);
    for (const email of addresses)
      await prisma.entitlement.create({
        data: { purchaseEmail: email, productId: product.id, source: "stripe" },
      });
    expect(await enqueueReleaseNotifications(release.id)).toBe(12);

    const delivered: string[] = [];
    // The first sender dies after three emails: its fourth never completes (the process is gone).
    const dying = async (message: MailMessage) => {
      if (delivered.length === 3) return new Promise<void>(() => {});
      delivered.push(message.to);
    };
    void sendPendingNotifications({ releaseId: release.id, batchSize: 5, send: dying });
    await expect.poll(() => delivered.length).toBe(3);
    await expect
      .poll(async () =>
        prisma.releaseNotification.count({ where: { releaseId: release.id, status: "sent" } }),
      )
      .toBe(3);

    // A new sender treats the dead one's claims as stale and finishes the job.
    const resumed = await sendPendingNotifications({
      releaseId: release.id,
      batchSize: 5,
      staleAfterMs: 0,
      send: async (message) => void delivered.push(message.to),
    });
    expect(resumed).toEqual({ sent: 9, failed: 0 });
    expect(delivered.sort()).toEqual([...addresses].sort());
    expect(new Set(delivered).size).toBe(12);
  });

  it("retries a failing mail server and gives up on an address after five attempts", async () => {
    const { product } = await createProductWithFile();
    const release = await prisma.release.create({
      data: { productId: product.id, version: "4.0.0", status: "published", publishedAt: new Date() },
    });
    await prisma.entitlement.create({
      data: { purchaseEmail: `${unique("bounce")}@example.com`, productId: product.id, source: "stripe" },
    });
    await enqueueReleaseNotifications(release.id);
    const refuse = async () => {
      throw new Error("550 mailbox unavailable");
    };
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await sendPendingNotifications({ releaseId: release.id, send: refuse })).toEqual({
        sent: 0,
        failed: 1,
      });
    }
    const row = await prisma.releaseNotification.findFirstOrThrow({ where: { releaseId: release.id } });
    expect(row).toMatchObject({ status: "failed", attempts: 5, lastError: "550 mailbox unavailable" });
    expect(await sendPendingNotifications({ releaseId: release.id, send: refuse })).toEqual({
      sent: 0,
      failed: 0,
    });
  });
});

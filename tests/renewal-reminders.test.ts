import { afterAll, describe, expect, it } from "vitest";
import { POST as oneClickUnsubscribe } from "../app/api/unsubscribe/route";
import { enqueueDueReminders, reminderKey, type ReminderStage } from "../lib/dal/renewal-reminders";
import type { MailMessage } from "../lib/mail/send";
import { newLicenseKey } from "../lib/licensing/keys";
import { sendPendingEmails } from "../lib/notifications/outbox";
import { runRenewalReminders } from "../lib/notifications/renewal-reminders";
import { createUser, prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

afterAll(() => prisma.$disconnect());

const day = 86_400_000;

async function product() {
  return prisma.product.create({
    data: {
      slug: unique("renewable"),
      name: `Renewable ${unique("p")}`,
      tiers: { create: { name: "Personal", priceCents: 4900, updateMonths: 12 } },
    },
    include: { tiers: true },
  });
}
type Product = Awaited<ReturnType<typeof product>>;

type Situation = {
  until: Date | null;
  status?: "active" | "revoked" | "suspended";
  boughtDaysAgo?: number;
  keyRevoked?: boolean;
};

// A buyer with a licence key whose update window ends at `until`, bought a year ago unless said.
async function buyer(of: Product, label: string, situation: Situation) {
  const user = await createUser(`${unique(label)}@example.com`);
  const entitlement = await prisma.entitlement.create({
    data: {
      userId: user.id,
      productId: of.id,
      tierId: of.tiers[0].id,
      source: "stripe",
      status: situation.status ?? "active",
      updatesUntil: situation.until,
      createdAt: new Date(Date.now() - (situation.boughtDaysAgo ?? 365) * day),
      license: {
        create: { key: newLicenseKey(), revokedAt: situation.keyRevoked ? new Date() : null },
      },
    },
  });
  return { email: user.email, entitlement };
}

const fromNow = (days: number) => new Date(Date.now() + days * day);
const ours = (keys: string[], ids: string[]) => keys.filter((key) => ids.some((id) => key.includes(id)));
const capture = (into: MailMessage[]) => async (message: MailMessage) => void into.push(message);

describe("renewal reminders", () => {
  it("queues the stage due for each buyer once, none for revoked, lifetime or opted-out purchases", async () => {
    const p = await product();
    const due: [string, Situation, ReminderStage | null][] = [
      ["in-20-days", { until: fromNow(20) }, "30_days"],
      ["in-5-days", { until: fromNow(5) }, "7_days"],
      ["ended-2-days-ago", { until: fromNow(-2) }, "ended"],
      ["in-60-days", { until: fromNow(60) }, null],
      ["ended-90-days-ago", { until: fromNow(-90) }, null],
      ["lifetime", { until: null }, null],
      ["revoked", { until: fromNow(5), status: "revoked" }, null],
      ["suspended", { until: fromNow(5), status: "suspended" }, null],
      ["key-revoked", { until: fromNow(5), keyRevoked: true }, null],
      ["bought-last-week", { until: fromNow(20), boughtDaysAgo: 7 }, null],
      ["opted-out", { until: fromNow(5) }, null],
      ["release-emails-off", { until: fromNow(5) }, "7_days"],
    ];
    const buyers = await Promise.all(due.map(([label, situation]) => buyer(p, label, situation)));
    const email = (label: string) => buyers[due.findIndex(([name]) => name === label)].email;
    await prisma.emailOptOut.createMany({
      data: [
        { email: email("opted-out"), productId: p.id, topic: "renewal_reminder" },
        { email: email("release-emails-off"), productId: p.id, topic: "release" },
      ],
    });
    const ids = buyers.map((b) => b.entitlement.id);
    const expected = due.flatMap(([, situation, stage], i) =>
      stage ? [reminderKey(stage, ids[i], situation.until!)] : [],
    );

    const queued = ours(await enqueueDueReminders(), ids);
    expect(queued.sort()).toEqual([...expected].sort());
    // Again, and from a second runner at once: nothing new.
    const again = await Promise.all([enqueueDueReminders(), enqueueDueReminders()]);
    expect(ours(again.flat(), ids)).toEqual([]);

    const sent: MailMessage[] = [];
    expect(await sendPendingEmails({ dedupeKeys: expected, send: capture(sent) })).toEqual({
      sent: 4,
      failed: 0,
    });
    const to = (label: string) => sent.find((mail) => mail.to === email(label))!;
    expect(to("in-20-days").subject).toBe(`Updates for ${p.name} end in 30 days`);
    expect(to("in-5-days").subject).toBe(`Updates for ${p.name} end in 7 days`);
    expect(to("ended-2-days-ago").subject).toBe(`Updates for ${p.name} have ended`);
    const mail = to("in-5-days");
    const entitlementId = buyers[1].entitlement.id;
    expect(mail.text).toContain(`/account/renew/${entitlementId}`);
    expect(mail.html).toContain(`/account/renew/${entitlementId}`);
    expect(mail.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

    // The one-click link stops reminders for this product, not its release emails.
    const oneClick = new URL(/<([^>]+)>/.exec(mail.headers!["List-Unsubscribe"])![1]);
    expect(oneClick.searchParams.get("topic")).toBe("renewal_reminder");
    const forged = new URL(oneClick);
    forged.searchParams.delete("topic"); // the same signature does not unsubscribe from release emails
    expect((await oneClickUnsubscribe(new Request(forged, { method: "POST" }))).status).toBe(400);
    expect((await oneClickUnsubscribe(new Request(oneClick, { method: "POST" }))).status).toBe(200);
    expect(await prisma.emailOptOut.findMany({ where: { email: mail.to }, select: { topic: true } })).toEqual(
      [{ topic: "renewal_reminder" }],
    );
  });

  it("reminds again for the next window after a renewal moves the end, and drops the old window's", async () => {
    const p = await product();
    const { entitlement } = await buyer(p, "renewer", { until: fromNow(5) });
    const first = ours(await enqueueDueReminders(), [entitlement.id]);
    expect(first).toEqual([reminderKey("7_days", entitlement.id, entitlement.updatesUntil!)]);

    // Renewed before the reminder went out: the queued one is about a window that no longer ends then.
    const renewedUntil = new Date(entitlement.updatesUntil!.getTime() + 365 * day);
    await prisma.entitlement.update({ where: { id: entitlement.id }, data: { updatesUntil: renewedUntil } });
    const sent: MailMessage[] = [];
    expect(await sendPendingEmails({ dedupeKeys: first, send: capture(sent) })).toEqual({
      sent: 0,
      failed: 1,
    });
    expect(ours(await enqueueDueReminders(), [entitlement.id])).toEqual([]);

    const at = (daysFromEnd: number) => new Date(renewedUntil.getTime() + daysFromEnd * day);
    const next = ours(
      [
        ...(await enqueueDueReminders(at(-20))),
        ...(await enqueueDueReminders(at(-3))),
        ...(await enqueueDueReminders(at(1))),
        ...(await enqueueDueReminders(at(2))),
      ],
      [entitlement.id],
    );
    expect(next).toEqual(
      (["30_days", "7_days", "ended"] as const).map((stage) =>
        reminderKey(stage, entitlement.id, renewedUntil),
      ),
    );
    expect(await sendPendingEmails({ dedupeKeys: next, send: capture(sent) })).toMatchObject({ sent: 3 });
    expect(sent.map((mail) => mail.subject).sort()).toEqual([
      `Updates for ${p.name} end in 30 days`,
      `Updates for ${p.name} end in 7 days`,
      `Updates for ${p.name} have ended`,
    ]);
  });

  it("sends each reminder once across a crash and two runs at once", async () => {
    const p = await product();
    const first = await Promise.all(
      Array.from({ length: 30 }, () => buyer(p, "crowd", { until: fromNow(5) })),
    );
    const keyOf = (b: (typeof first)[number]) =>
      reminderKey("7_days", b.entitlement.id, b.entitlement.updatesUntil!);
    const delivered: string[] = [];

    // The first run queues all 30 and dies after three emails: its next sends never return.
    const dying = async (message: MailMessage) => {
      if (delivered.length >= 3) return new Promise<void>(() => {});
      delivered.push(message.to);
    };
    void runRenewalReminders({ dedupeKeys: first.map(keyOf), batchSize: 5, send: dying });
    await expect
      .poll(() =>
        prisma.outboxEmail.count({ where: { dedupeKey: { in: first.map(keyOf) }, status: "sent" } }),
      )
      .toBe(3);
    const inFlight = await prisma.outboxEmail.count({
      where: { dedupeKey: { in: first.map(keyOf) }, status: "sending" },
    });

    // Ten more buyers come due; then two runs start at once, after the dead run's claims went stale
    // (moved back past the 2 minutes a live sender may take).
    const more = await Promise.all(Array.from({ length: 10 }, () => buyer(p, "late", { until: fromNow(5) })));
    await prisma.outboxEmail.updateMany({
      where: { dedupeKey: { in: first.map(keyOf) }, status: "sending" },
      data: { claimedAt: new Date(Date.now() - 3 * 60_000) },
    });
    const all = [...first, ...more];
    const keys = all.map(keyOf);
    const byRun: Record<"A" | "B", string[]> = { A: [], B: [] };
    const runs = await Promise.all(
      (["A", "B"] as const).map((run) =>
        runRenewalReminders({
          dedupeKeys: keys,
          batchSize: 4,
          send: async (message) => {
            byRun[run].push(message.to);
            delivered.push(message.to);
          },
        }),
      ),
    );

    const ids = all.map((b) => b.entitlement.id);
    const perAddress = all.map((b) => delivered.filter((to) => to === b.email).length);
    recordSecurityEvidence({
      section: "faults",
      title: "Renewal reminders across a crash and two runs at once",
      columns: ["step", "reminders"],
      rows: [
        ["buyers due (30 queued by the run that died, 10 more later)", all.length],
        ["sent before the crash", 3],
        ["claimed by the dead run, taken over", inFlight],
        ["queued by the two later runs together", ours([...runs[0].queued, ...runs[1].queued], ids).length],
        ["sent by run A / run B", `${byRun.A.length} / ${byRun.B.length}`],
        ["addresses emailed more than once", perAddress.filter((count) => count > 1).length],
        ["addresses never emailed", perAddress.filter((count) => count === 0).length],
      ],
      note: "npm run emails:reminders twice at once after a crash: the dedupeKey (stage, entitlement, window end) queues each reminder once, SKIP LOCKED claims send each once.",
    });
    expect(perAddress).toEqual(all.map(() => 1));
    expect(ours([...runs[0].queued, ...runs[1].queued], ids).length).toBe(10);
    expect(await prisma.outboxEmail.count({ where: { dedupeKey: { in: keys }, status: "sent" } })).toBe(40);
  });
});

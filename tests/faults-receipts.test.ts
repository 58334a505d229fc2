// The mail server hanging while a receipt is sent: the webhook must answer as soon as the order
// and its queued receipt are committed, never wait on SMTP, and the receipt must reach the buyer
// once the mail server is back, through the job cron runs (`npm run emails:send`). The kill of a
// whole server mid-storm is e2e/faults-under-load.spec.ts; this is the same promise in one process.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { config, createProductWithFile, createUser, prisma } from "./support/fixtures";
import { faultEvidence, startRelay } from "./support/faults";
import { completedEvent, deliver, paidSession } from "./support/stripe";

const evidence = faultEvidence("Mail server hanging while receipts are sent");
const smtp = new URL(config.EMAIL_SERVER);
const relay = await startRelay(Number(smtp.port));
// Before the app reads its configuration: every email of this file goes through the relay.
vi.stubEnv("EMAIL_SERVER", `smtp://127.0.0.1:${relay.port}`);
const { log } = await import("../lib/log");
const { resumeEmails } = await import("../lib/notifications/release-emails");

beforeAll(() => void vi.spyOn(log, "warn"));
afterAll(async () => {
  evidence.write();
  vi.unstubAllEnvs();
  await relay.stop();
  await prisma.$disconnect();
});

type Message = { to: { address: string }[]; subject: string };
const receiptsTo = async (email: string) =>
  ((await (await fetch(`${process.env.MAIL_UI_URL}/email`)).json()) as Message[]).filter(
    (message) => message.to.some((to) => to.address === email) && /^Your .+ receipt: /.test(message.subject),
  ).length;

describe("a receipt while the mail server hangs", () => {
  it("is committed with the order before the webhook answers 200, and sent once by the resume job", async () => {
    const user = await createUser();
    const { product } = await createProductWithFile();
    const session = await paidSession(product.id, { email: user.email, userId: user.id });
    const payload = completedEvent(session);
    relay.freeze();

    // A hung SMTP server holds a send for the greeting timeout (10 s); the answer must not wait.
    const answered = await Promise.race([
      deliver(payload).then(async (response) => ({
        status: response.status,
        outcome: ((await response.json()) as { outcome?: string }).outcome,
      })),
      new Promise<{ status: number; outcome: string }>((resolve) =>
        setTimeout(() => resolve({ status: 0, outcome: "still waiting for the mail server" }), 5_000),
      ),
    ]);
    const order = await prisma.order.findUnique({ where: { stripeCheckoutSessionId: session.id } });
    const queued = await prisma.outboxEmail.findMany({
      where: { orderId: order?.id ?? "none", kind: "receipt" },
      select: { status: true },
    });
    await expect.poll(() => relay.held()).toBe(1); // the send after the response is on the wire

    // The mail server drops that connection; the failure is logged and the row waits for a retry.
    relay.thaw();
    await expect
      .poll(async () => (await prisma.outboxEmail.findMany({ where: { orderId: order?.id ?? "none" } }))[0])
      .toMatchObject({ status: "pending", attempts: 1 });
    const logged = vi
      .mocked(log.warn)
      .mock.calls.some((call) => String(call[1]).startsWith("email not sent") && !!call[0]);
    const beforeResume = await receiptsTo(user.email);
    const resumed = await resumeEmails({});
    await expect.poll(() => receiptsTo(user.email)).toBe(1);
    const again = ((await (await deliver(payload)).json()) as { outcome?: string }).outcome;
    await new Promise((resolve) => setTimeout(resolve, 300)); // a second receipt would land by now
    const receipts = await receiptsTo(user.email);

    const ok =
      answered.status === 200 &&
      answered.outcome === "processed" &&
      queued.length === 1 &&
      logged &&
      beforeResume === 0 &&
      resumed.sent >= 1 &&
      again === "duplicate" &&
      receipts === 1;
    evidence.row(
      "SMTP server accepting connections and never answering while checkout.session.completed is delivered",
      `webhook → ${answered.status || "no answer within 5 s"} ${answered.outcome}; receipt rows committed with the order: ${queued.length} (${queued.map((row) => row.status).join()}); failed send logged: ${logged}; receipts before the resume job: ${beforeResume}; after it: ${receipts}; redelivery → ${again}`,
      "200 as soon as the order and its queued receipt are committed; the failed send is logged and retried; one receipt in the end",
      ok,
    );
    expect(answered).toEqual({ status: 200, outcome: "processed" });
    expect(queued).toHaveLength(1);
    expect(logged).toBe(true);
    expect(beforeResume).toBe(0);
    expect(again).toBe("duplicate");
    expect(receipts).toBe(1);
  });
});

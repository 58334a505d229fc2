import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { redeliver } from "../lib/dal/webhook-deliveries";
import { endpointUrlProblem } from "../lib/webhooks/endpoint-url";
import { newWebhookSecret } from "../lib/webhooks/events";
import { backoffMs, sendDueWebhooks } from "../lib/webhooks/send";
import { prisma, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";

// The seller's endpoint: a real HTTP server that answers with the next queued status (200 after).
type Received = { headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
let answers: number[] = [];
let url = "";
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    received.push({ headers: request.headers, body });
    response.writeHead(answers.shift() ?? 200).end();
  });
});
// Endpoints other suites left (the access matrix adds some): their messages are not these tests'.
const quiet = async () => {
  await prisma.webhookEndpoint.updateMany({ data: { active: false } });
  await prisma.webhookDelivery.updateMany({ where: { status: "pending" }, data: { status: "failed" } });
};
beforeAll(async () => {
  await quiet();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});
afterEach(async () => {
  received.length = 0;
  answers = [];
  await quiet(); // later suites create orders too: no endpoint of these tests may still want them
});
afterAll(async () => {
  server.close();
  await prisma.$disconnect();
});

const endpoint = (events: string[], extra: object = {}) =>
  prisma.webhookEndpoint.create({ data: { url, events, secret: newWebhookSecret(), ...extra } });
const paidOrder = (amountTotal = 1999) =>
  prisma.order.create({
    data: {
      stripeCheckoutSessionId: unique("cs"),
      email: `${unique("buyer")}@example.com`,
      amountTotal,
      currency: "usd",
    },
  });
const headersOf = (r: Received) => r.headers as Record<string, string>;

describe("webhooks to the seller's systems", () => {
  it("queues an event with the change and delivers it signed, verifiable with the Standard Webhooks library", async () => {
    const wanted = await endpoint(["order.paid"]);
    await endpoint(["release.published"]); // wants something else: told nothing
    const order = await paidOrder(4250);
    const report = await sendDueWebhooks();
    expect(report).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const message = new Webhook(wanted.secret).verify(received[0].body, headersOf(received[0])) as {
      type: string;
      data: { id: string; amountTotal: number; currency: string };
    };
    expect(message).toMatchObject({
      type: "order.paid",
      data: { id: order.id, amountTotal: 4250, currency: "usd" },
    });
    expect(() =>
      new Webhook(wanted.secret).verify(received[0].body.replace("4250", "1"), headersOf(received[0])),
    ).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(received[0].body, headersOf(received[0]))).toThrow();
    const [delivery] = await prisma.webhookDelivery.findMany({
      where: { endpointId: wanted.id },
      include: { log: true },
    });
    expect(delivery).toMatchObject({
      status: "sent",
      lastStatusCode: 200,
      id: received[0].headers["webhook-id"],
    });
    expect(delivery.log.map((entry) => entry.statusCode)).toEqual([200]);
    // A change that rolls back queues nothing.
    await prisma
      .$transaction(async (tx) => {
        await tx.order.create({
          data: {
            stripeCheckoutSessionId: unique("cs"),
            email: "x@example.com",
            amountTotal: 1,
            currency: "usd",
          },
        });
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    expect(await prisma.webhookDelivery.count({ where: { endpointId: wanted.id } })).toBe(1);
  });

  it("retries after a 500 with backoff, and stops after the limit", async () => {
    await endpoint(["order.paid"]);
    answers = [500];
    await paidOrder();
    let clock = Date.now(); // after the event was queued: its first attempt is due
    const now = () => new Date(clock);
    expect(await sendDueWebhooks({ now })).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await sendDueWebhooks({ now }), "not again before the backoff").toEqual({
      delivered: 0,
      retried: 0,
      failed: 0,
    });
    clock += backoffMs(1);
    expect(await sendDueWebhooks({ now })).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(2);
    expect(received[1].headers["webhook-id"]).toBe(received[0].headers["webhook-id"]);

    answers = [500, 500, 500, 500];
    const order = await paidOrder();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await sendDueWebhooks({ now, maxAttempts: 3 });
      clock += backoffMs(attempt);
    }
    const delivery = await prisma.webhookDelivery.findFirstOrThrow({
      where: { payload: { path: ["data", "id"], equals: order.id } },
      include: { log: { orderBy: { createdAt: "asc" } } },
    });
    expect(delivery).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: 500 });
    expect(delivery.log.map((entry) => entry.statusCode)).toEqual([500, 500, 500]);
    recordSecurityEvidence({
      section: "webhooks",
      title: "Retries",
      columns: ["endpoint answers", "attempts", "delivery log", "final status"],
      rows: [
        ["500, then 200", 2, "500, 200", "sent"],
        [
          "500 always, limit 3",
          delivery.attempts,
          delivery.log.map((entry) => entry.statusCode).join(", "),
          delivery.status,
        ],
      ],
      note: "Every message verifies with the standardwebhooks library; a tampered body or another secret does not.",
    });
    // Redeliver: the same message goes once more.
    answers = [];
    expect(await redeliver(delivery.id)).toBe(true);
    expect(await sendDueWebhooks({ now })).toEqual({ delivered: 1, retried: 0, failed: 0 });
  });

  it("signs with both secrets while one is rotated, and with the new one after the grace period", async () => {
    const previousSecret = newWebhookSecret();
    const rotated = await endpoint(["order.paid"], {
      previousSecret,
      previousSecretExpiresAt: new Date(Date.now() + 3_600_000),
    });
    await paidOrder();
    await sendDueWebhooks();
    const [during] = received.splice(0);
    expect(headersOf(during)["webhook-signature"].split(" ")).toHaveLength(2);
    for (const secret of [rotated.secret, previousSecret])
      expect(() => new Webhook(secret).verify(during.body, headersOf(during))).not.toThrow();

    await prisma.webhookEndpoint.update({
      where: { id: rotated.id },
      data: { previousSecretExpiresAt: new Date(0) },
    });
    await paidOrder();
    await sendDueWebhooks();
    const [after] = received;
    expect(() => new Webhook(rotated.secret).verify(after.body, headersOf(after))).not.toThrow();
    expect(() => new Webhook(previousSecret).verify(after.body, headersOf(after))).toThrow();
  });

  it("refuses endpoints on private, loopback and link-local addresses, and plain http, in production", async () => {
    const refused = [
      "https://169.254.169.254/latest/meta-data",
      "https://10.1.2.3/hooks",
      "https://[::1]/hooks",
      "https://[fd00::1]/hooks",
      "https://[::ffff:127.0.0.1]/hooks",
      "https://127.0.0.1/hooks",
      "http://localhost:3000/hooks",
      "http://93.184.216.34/hooks",
      "https://user:pass@93.184.216.34/hooks",
      "not a url",
    ];
    const answers = await Promise.all(refused.map((url) => endpointUrlProblem(url, false)));
    expect(answers.map((answer, i) => [refused[i], answer === null])).toEqual(
      refused.map((url) => [url, false]),
    );
    expect(await endpointUrlProblem("https://93.184.216.34/hooks", false)).toBeNull();
    expect(await endpointUrlProblem("http://127.0.0.1:3000/hooks", true), "the embedded stack").toBeNull();
    expect(await endpointUrlProblem("https://10.1.2.3/hooks", true), "private stays refused").not.toBeNull();
    recordSecurityEvidence({
      section: "webhooks",
      title: "Endpoint addresses (SSRF)",
      columns: ["URL", "production"],
      rows: refused.map((url, i) => [url, answers[i] ?? "allowed"]),
      note: "Checked when saved and again before every attempt (DNS may change); redirects are not followed.",
    });
  });

  it("delivers each event once when two senders run at once", async () => {
    await endpoint(["order.paid"]);
    const orders = await Promise.all(Array.from({ length: 40 }, () => paidOrder()));
    const reports = await Promise.all([sendDueWebhooks({ batchSize: 5 }), sendDueWebhooks({ batchSize: 5 })]);
    const ids = received.map((r) => (JSON.parse(r.body) as { data: { id: string } }).data.id);
    expect(new Set(ids).size).toBe(40);
    expect(ids.sort()).toEqual(orders.map((o) => o.id).sort());
    expect(reports[0].delivered + reports[1].delivered).toBe(40);
    recordSecurityEvidence({
      section: "webhooks",
      title: "Two senders at once",
      columns: [
        "events queued",
        "delivered by sender 1",
        "by sender 2",
        "requests received",
        "distinct events",
      ],
      rows: [[40, reports[0].delivered, reports[1].delivered, received.length, new Set(ids).size]],
      note: "Batches of 5 claimed with FOR UPDATE SKIP LOCKED; on PostgreSQL 15 the senders interleave.",
    });
  });
});

// Route handlers that read bodies refuse oversized ones with 413, declared or chunked, without
// reading them to the end and without writing anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as stripeWebhook } from "../app/api/webhooks/stripe/route";
import { dispatchApiRequest } from "./support/api-routes";
import { prisma } from "./support/fixtures";
import { newToken, publishingRowCounts } from "./support/publishing";
import { countingStream } from "./support/counting-stream";

afterAll(() => prisma.$disconnect());

let token: string;
beforeAll(async () => {
  token = (await newToken()).secret;
});

// JSON-looking chunks, so a reader that got this far would be parsing a real body.
const jsonChunk = new TextEncoder().encode(`{"pad":"${"x".repeat(64 * 1024 - 10)}"}`);

const request = (url: string, body: BodyInit, headers: Record<string, string>) =>
  new Request(url, { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("oversized bodies", () => {
  it("the publishing API answers 413 to a declared or a chunked body over 100 kB and writes nothing", async () => {
    const before = await publishingRowCounts();
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const declared = await dispatchApiRequest(
      request("http://localhost/api/v1/releases", JSON.stringify({ pad: "x".repeat(200_000) }), headers),
    );
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toBe("payload_too_large");

    const { stream, state } = countingStream(256 * 1024 * 1024, jsonChunk);
    const chunked = await dispatchApiRequest(request("http://localhost/api/v1/releases", stream, headers));
    expect(chunked.status).toBe(413);
    expect(state.cancelled).toBe(true);
    expect(state.produced).toBeLessThan(1024 * 1024);
    expect(await publishingRowCounts()).toEqual(before);
  });

  it("the Stripe webhook answers 413 before verifying a body over 512 KiB", async () => {
    const before = await prisma.stripeEvent.count();
    const { stream, state } = countingStream(256 * 1024 * 1024, jsonChunk);
    const response = await stripeWebhook(
      request("http://localhost/api/webhooks/stripe", stream, { "stripe-signature": "t=1,v1=00" }),
    );
    expect(response.status).toBe(413);
    expect(state.produced).toBeLessThan(2 * 1024 * 1024);
    expect(await prisma.stripeEvent.count()).toBe(before);
  });
});

import { describe, expect, it } from "vitest";
import { countingStream } from "../../tests/support/counting-stream";
import { BodyTooLarge, readBodyText } from "./read-body";

const post = (body: ReadableStream<Uint8Array> | string, headers: Record<string, string> = {}) =>
  new Request("http://app.test/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readBodyText", () => {
  it("returns a body within the limit", async () => {
    await expect(readBodyText(post('{"a":1}'), 100)).resolves.toBe('{"a":1}');
  });

  it("refuses a declared Content-Length over the limit without reading the body", async () => {
    const { stream, state } = countingStream(10 * 1024 * 1024);
    await expect(
      readBodyText(post(stream, { "content-length": String(10 * 1024 * 1024) }), 1024 * 1024),
    ).rejects.toBeInstanceOf(BodyTooLarge);
    expect(state.produced).toBeLessThanOrEqual(64 * 1024); // at most what the stream buffered ahead
  });

  it("stops a chunked body as soon as it passes the limit and cancels the rest", async () => {
    const total = 512 * 1024 * 1024;
    const { stream, state } = countingStream(total);
    await expect(readBodyText(post(stream), 1024 * 1024)).rejects.toBeInstanceOf(BodyTooLarge);
    expect(state.cancelled).toBe(true);
    expect(state.produced).toBeLessThan(2 * 1024 * 1024);
  });
});

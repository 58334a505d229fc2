// Reads a request body up to a limit and stops there: a declared Content-Length over the limit
// is refused before a byte is read, and a chunked body is cancelled as soon as it passes it.
import { failure } from "../result";
import { failureResponse } from "./answers";

export class BodyTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`);
  }
}

export async function readBodyText(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) throw new BodyTooLarge(limitBytes);
  if (!request.body) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

// The rest of the body stays unread, so the connection is not reused for another request.
export const payloadTooLarge = (error: BodyTooLarge) =>
  failureResponse(failure("payload_too_large", error.message), { Connection: "close" });

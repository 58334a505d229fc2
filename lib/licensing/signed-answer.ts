// Licence answers an app can tell from a spoofed server's: every answer of validate, activate and
// deactivate carries `Downlink-Signature: kid=<key id>, t=<unix seconds>, sig=<base64url>`, an
// Ed25519 signature with the store's licence key over the ASCII of `<t>.` followed by the exact
// bytes of the body. `t` lets the app refuse an old answer replayed to it (one from before a
// refund, say); the body names the key and product, so an answer for another key does not fit.
import "server-only";
import type { RouteContext } from "../http/route-params";
import { signLicenseBytes } from "./signing-keys";

export const ANSWER_SIGNATURE_HEADER = "Downlink-Signature";

export async function signAnswer(response: Response, now = new Date()): Promise<Response> {
  const body = Buffer.from(await response.arrayBuffer());
  const t = Math.floor(now.getTime() / 1000);
  const { kid, signature } = signLicenseBytes(Buffer.concat([Buffer.from(`${t}.`, "ascii"), body]));
  const headers = new Headers(response.headers);
  headers.set(ANSWER_SIGNATURE_HEADER, `kid=${kid}, t=${t}, sig=${signature}`);
  return new Response(body, { status: response.status, headers });
}

type Handler = (request: Request, context: RouteContext) => Promise<Response>;

// Refusals are signed too (an unknown key, the activation limit, 429): a real "no" is as
// recognisable as a real "yes".
export const signedAnswers =
  (handler: Handler): Handler =>
  async (request, context) =>
    signAnswer(await handler(request, context));

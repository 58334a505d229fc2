import "server-only";
import { takeSignInQuota, type SignInQuota } from "../dal/sign-in-limits";
import { env } from "../env";
import { log } from "../log";
import { INVALID_EMAIL_ERROR } from "./sign-in-messages";

export const RATE_LIMITED_ERROR = "RateLimited"; // the code the sign-in form and page look for

// One request to next-auth as the route handler saw it: the client it came from, and, once the
// limit has refused to mail a link, how long that client should wait.
// `invalidAddress` is set when the address was refused before anything else happened.
export type SignInAttempt = {
  clientIp: string | null;
  refusal?: { retryAfterSeconds: number };
  invalidAddress?: boolean;
};

const signInPageWith = (error: string) => {
  const url = new URL("/signin", env().APP_URL);
  url.searchParams.set("error", error);
  return url.href;
};
const rateLimitedUrl = () => signInPageWith(RATE_LIMITED_ERROR);

// next-auth's signIn callback at the moment it is about to create a link and mail it. `address` is
// the one it will mail, already through normalizeEmail, whatever shape the body had (a form, JSON,
// duplicate fields): counting here instead of re-reading the body means no mail goes out uncounted.
// Returns true to send, or the sign-in page's URL, which next-auth answers with instead of sending.
export async function allowSignInMail(
  address: string,
  attempt: SignInAttempt | undefined,
): Promise<true | string | false> {
  if (!attempt) return false; // built without a request (getServerSession): nothing to count against
  const config = env();
  let quota: SignInQuota;
  try {
    quota = await takeSignInQuota(address, attempt.clientIp, {
      perAddress: config.SIGN_IN_LIMIT_PER_ADDRESS,
      perIp: config.SIGN_IN_LIMIT_PER_IP,
    });
  } catch (error) {
    // Uncounted means unsent. next-auth would put a thrown error's text into the redirect URL.
    log.error({ err: error }, "sign-in limit unavailable; no link sent");
    return false;
  }
  if (quota.ok) return true;
  attempt.refusal = { retryAfterSeconds: quota.retryAfterSeconds };
  return rateLimitedUrl();
}

// next-auth answered the refusal as a redirect (302, or `{ url }` JSON for its own client, which
// posts json=true). Say what it is: 429 with Retry-After for that client, 303 to the sign-in page
// for a plain form post. Its cookies (the CSRF cookie on a first visit) are kept.
export function rateLimitedResponse(answer: Response, refusal: { retryAfterSeconds: number }): Response {
  const headers = new Headers({ "Retry-After": String(refusal.retryAfterSeconds) });
  return refusedAnswer(answer, rateLimitedUrl(), 429, headers);
}

// next-auth answers an address its normaliser refused exactly like a mail server that failed
// ("EmailSignin"), which reads as a delivery problem. Say what it is: 400 and "InvalidEmail".
export const invalidAddressResponse = (answer: Response) =>
  refusedAnswer(answer, signInPageWith(INVALID_EMAIL_ERROR), 400, new Headers());

function refusedAnswer(answer: Response, url: string, status: number, headers: Headers): Response {
  for (const cookie of answer.headers.getSetCookie()) headers.append("Set-Cookie", cookie);
  if (answer.headers.get("content-type")?.includes("application/json")) {
    return Response.json({ url }, { status, headers });
  }
  headers.set("Location", url);
  return new Response(null, { status: 303, headers });
}

import "server-only";
import { takeSignInQuota } from "../dal/sign-in-limits";
import { env } from "../env";
import { contextFromHeaders } from "../request-context";
import { normalizeEmail } from "./email-address";

export const RATE_LIMITED_ERROR = "RateLimited"; // the code the sign-in form and page look for

const isEmailSignIn = (request: Request) =>
  request.method === "POST" && new URL(request.url).pathname.endsWith("/api/auth/signin/email");

// Runs before next-auth sends a sign-in email: counts the request per address and per client
// address and answers in next-auth's own shape when a limit is reached, so the sign-in page
// shows why. Anything that is not an email sign-in, or not a valid address, passes through
// (next-auth refuses invalid addresses itself and sends nothing).
export async function refuseOverLimitSignIn(request: Request): Promise<Response | null> {
  if (!isEmailSignIn(request)) return null;
  let form: FormData;
  try {
    form = await request.clone().formData();
  } catch {
    return null;
  }
  let email: string;
  try {
    email = normalizeEmail(String(form.get("email") ?? ""));
  } catch {
    return null;
  }
  const config = env();
  const { ip } = contextFromHeaders(request.headers);
  const quota = await takeSignInQuota(email, ip, { perAddress: config.SIGN_IN_LIMIT_PER_ADDRESS, perIp: config.SIGN_IN_LIMIT_PER_IP });
  if (quota.ok) return null;

  const url = new URL("/signin", config.APP_URL);
  url.searchParams.set("error", RATE_LIMITED_ERROR);
  const headers = { "Retry-After": String(quota.retryAfterSeconds) };
  if (form.get("json") === "true") return Response.json({ url: url.href }, { status: 429, headers });
  return new Response(null, { status: 303, headers: { ...headers, Location: url.href } });
}

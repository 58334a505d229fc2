// next-auth's email sign-in spoken over plain HTTP, as a script or an attacker would:
// fetch a CSRF token, then POST the form the sign-in page posts.
export type SignInAnswer = {
  status: number;
  error: string | null;
  url: string | null;
  retryAfter: string | null;
};

export async function csrfSession(origin: string) {
  const response = await fetch(`${origin}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const setCookies = response.headers.getSetCookie();
  const cookie = setCookies.map((line) => line.split(";")[0]).join("; ");
  return { csrfToken, cookie, setCookies };
}

export async function requestSignInEmail(
  origin: string,
  email: string,
  options: { callbackUrl?: string; ip?: string } = {},
): Promise<SignInAnswer> {
  const { csrfToken, cookie } = await csrfSession(origin);
  const headers: Record<string, string> = {
    "Content-Type": "application/x-www-form-urlencoded",
    Cookie: cookie,
  };
  if (options.ip) headers["X-Forwarded-For"] = options.ip;
  const response = await fetch(`${origin}/api/auth/signin/email`, {
    method: "POST",
    redirect: "manual",
    headers,
    body: new URLSearchParams({
      email,
      csrfToken,
      callbackUrl: options.callbackUrl ?? "/library",
      json: "true",
    }),
  });
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  const url = body.url ?? null;
  return {
    status: response.status,
    url,
    error: url ? new URL(url).searchParams.get("error") : null,
    retryAfter: response.headers.get("retry-after"),
  };
}

// Follows a magic link without a browser: the answer's Location and cookies.
export async function openMagicLink(link: string, origin: string) {
  const target = new URL(link);
  const response = await fetch(new URL(`${target.pathname}${target.search}`, origin), { redirect: "manual" });
  return {
    status: response.status,
    location: response.headers.get("location"),
    setCookies: response.headers.getSetCookie(),
  };
}

// A body in any shape to the email sign-in endpoint, with a fresh CSRF session, as a flood would
// send it. The answer is read the way next-auth's client and a browser read it.
export type SignInBody = { shape: string; contentType?: string; body: (csrfToken: string) => BodyInit };
export type SignInOutcome = {
  status: number;
  sent: boolean;
  rateLimited: boolean;
  location: string | null;
  retryAfter: string | null;
};

export async function postSignIn(
  origin: string,
  request: SignInBody,
  options: { ip: string },
): Promise<SignInOutcome> {
  const { csrfToken, cookie } = await csrfSession(origin);
  const headers: Record<string, string> = { Cookie: cookie, "X-Forwarded-For": options.ip };
  if (request.contentType) headers["Content-Type"] = request.contentType;
  const response = await fetch(`${origin}/api/auth/signin/email`, {
    method: "POST",
    redirect: "manual",
    headers,
    body: request.body(csrfToken),
  });
  const location =
    response.headers.get("location") ??
    ((await response.json().catch(() => ({}))) as { url?: string }).url ??
    null;
  return {
    status: response.status,
    sent: !!location && new URL(location, origin).pathname.endsWith("/verify-request"),
    rateLimited: !!location && new URL(location, origin).searchParams.get("error") === "RateLimited",
    location,
    retryAfter: response.headers.get("retry-after"),
  };
}

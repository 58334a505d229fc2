import type { BrowserContext } from "@playwright/test";

// The session cookie of a signed-in browser, for calling the stable links like a script would.
export async function cookieHeader(context: BrowserContext) {
  return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

export async function fetchLink(baseURL: string, path: string, headers: Record<string, string> = {}) {
  return fetch(new URL(path, baseURL), { redirect: "manual", headers });
}

import { randomBytes } from "node:crypto";
import { expect, test, type Request } from "@playwright/test";
import { demoCatalog, demoCustomer } from "../prisma/seed/catalog";
import { messagesTo } from "./mailbox";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";
import { cookieHeader } from "./stable-links";

const owned = demoCatalog.find((product) => product.slug === demoCustomer.owns)!;
const file = owned.releases.at(-1)!.files[0];

// What a server action call is on the wire: a POST to the page with the action's id in a header.
type CapturedAction = { url: string; headers: Record<string, string>; body: string };

async function capture(request: Request): Promise<CapturedAction> {
  const all = await request.allHeaders();
  const keep = ["next-action", "content-type", "accept", "next-router-state-tree", "origin"];
  return {
    url: request.url(),
    headers: Object.fromEntries(keep.filter((name) => all[name]).map((name) => [name, all[name]])),
    body: request.postData() ?? "",
  };
}

function replay(action: CapturedAction, cookie?: string) {
  return fetch(action.url, {
    method: "POST",
    headers: { ...action.headers, ...(cookie && { cookie }) },
    body: action.body,
    redirect: "manual",
  });
}

test("a captured Download action replayed with another customer's cookie, or none, gets an error and no URL", async ({
  page,
  context,
  browser,
}) => {
  await new SignInPage(page).signIn(demoCustomer.email);
  const library = new LibraryPage(page);
  await library.open();
  const sent = page.waitForRequest(
    (request) => request.method() === "POST" && !!request.headers()["next-action"],
  );
  await library.download(file.filename);
  const action = await capture(await sent);
  expect(action.headers["next-action"]).toMatch(/^[0-9a-f]{16,}$/);

  // The replay itself works: with the owner's cookie it mints a fresh link.
  const own = await replay(action, await cookieHeader(context));
  expect(own.status).toBe(200);
  expect(await own.text()).toContain("X-Amz-Signature");

  // Customer B, signed in for real, owns nothing.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await new SignInPage(otherPage).signIn(`replay-${randomBytes(4).toString("hex")}@example.com`);
  const asOther = await replay(action, await cookieHeader(other));
  const otherText = await asOther.text();
  expect(asOther.status).toBeLessThan(500);
  expect(otherText).toContain('"status":"error"');
  expect(otherText).toContain('"code":"not_found"');
  expect(otherText).not.toContain("X-Amz-Signature");
  await other.close();

  const anonymous = await replay(action);
  const anonymousText = await anonymous.text();
  expect(anonymous.status).toBeLessThan(500);
  expect(anonymousText).toContain('"code":"unauthorized"');
  expect(anonymousText).not.toContain("X-Amz-Signature");
});

test("next-auth's endpoints: public reads, and a sign-in request without its CSRF token or with bad input sends nothing", async ({
  baseURL,
}) => {
  const csrf = await fetch(new URL("/api/auth/csrf", baseURL));
  expect(csrf.status).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
  expect(await (await fetch(new URL("/api/auth/session", baseURL))).json()).toEqual({});

  const signIn = (fields: Record<string, string>, withCookie = true) =>
    fetch(new URL("/api/auth/signin/email", baseURL), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...(withCookie && { cookie }) },
      body: new URLSearchParams(fields),
      redirect: "manual",
    });
  const email = `csrf-${randomBytes(4).toString("hex")}@example.com`;
  const forged = await signIn({ email, csrfToken: "forged" });
  expect(forged.status).toBe(302);
  expect(forged.headers.get("location")).toContain("csrf=true");
  const withoutCookie = await signIn({ email, csrfToken }, false);
  expect(withoutCookie.headers.get("location")).toContain("csrf=true");

  for (const bad of [
    "a\u0000b@example.com",
    `${"x".repeat(100_000)}@example.com`,
    "../../etc/passwd",
    "evil\u202e@example.com",
    "a@b@example.com",
  ]) {
    const response = await signIn({ email: bad, csrfToken, callbackUrl: "https://evil.example/steal" });
    expect(response.status, bad.slice(0, 40)).toBeLessThan(500);
    expect(response.headers.get("location") ?? "", bad.slice(0, 40)).not.toContain("evil.example");
  }
  expect(await messagesTo(email)).toEqual([]);
});

import { randomBytes } from "node:crypto";
import { INVALID_EMAIL_MESSAGE } from "../lib/auth/sign-in-messages";
import { recordSecurityEvidence } from "../tests/support/security-evidence";
import { expect, test } from "./fixtures";
import { latestMagicLink, messagesSince, messagesTo, waitForMessage } from "./mailbox";
import { SignInPage } from "./pages/sign-in-page";
import { startAppInstance, type AppInstance } from "./support/app-instance";
import {
  csrfSession,
  openMagicLink,
  postSignIn,
  requestSignInEmail,
  type SignInBody,
  type SignInOutcome,
} from "./support/auth-http";
import { testDb } from "./support/db";
import { signInBodies } from "./support/sign-in-bodies";

const id = () => randomBytes(4).toString("hex");
const recipients = (messages: { to: { address: string }[] }[]) =>
  messages.flatMap((message) => message.to.map((to) => to.address.toLowerCase()));

const injectionRows: (string | number)[][] = [];
const callbackRows: (string | number)[][] = [];
const limitRows: (string | number)[][] = [];
const cookieRows: (string | number)[][] = [];
const floodRows: (string | number)[][] = [];
const linkRows: (string | number)[][] = [];
const noScriptRows: (string | number)[][] = [];
const MAGIC_LINK = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/;

test.afterAll(() => {
  recordSecurityEvidence({
    section: "sign-in",
    title: "Crafted addresses posted to the next-auth email sign-in endpoint",
    columns: ["input", "answer", "emails sent", "recipients"],
    rows: injectionRows,
    counts: {
      "addresses tried": injectionRows.length,
      "emails to an attacker or victim inbox": injectionRows.filter((row) =>
        /attacker|victim/.test(String(row[3])),
      ).length,
    },
  });
  recordSecurityEvidence({
    section: "sign-in",
    title: "callbackUrl to another origin",
    columns: ["callbackUrl", "path", "landed on"],
    rows: callbackRows,
    counts: {
      "redirects tried": callbackRows.length,
      "left the app": callbackRows.filter((row) => row[2] !== "the app").length,
    },
  });
  recordSecurityEvidence({
    section: "sign-in",
    title: "Sign-in email rate limits across two app instances",
    columns: ["limit", "configured", "requests", "emails sent", "first refusal", "answer"],
    rows: limitRows,
  });
  recordSecurityEvidence({
    section: "sign-in",
    title: "Auth cookies from Set-Cookie",
    columns: ["APP_URL", "cookie", "HttpOnly", "Secure", "SameSite"],
    rows: cookieRows,
  });
  recordSecurityEvidence({
    section: "sign-in",
    title: "A concurrent sign-in flood in every body shape, across two app instances",
    columns: ["flood", "body shape", "requests", "mailed", "refused by the limit", "refused by next-auth"],
    rows: floodRows,
    counts: { "flood requests": floodRows.reduce((sum, row) => sum + Number(row[2]), 0) },
  });
  recordSecurityEvidence({
    section: "sign-in",
    title: "Sign-in links after another link of the address was used",
    columns: ["case", "answer"],
    rows: linkRows,
  });
  recordSecurityEvidence({
    section: "sign-in",
    title: "The sign-in form with JavaScript turned off",
    columns: ["step", "method", "URL (address removed)", "address in the URL"],
    rows: noScriptRows,
  });
});

test("with JavaScript off, the sign-in form posts, the link arrives, and the address is in no URL", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  const email = `no-script-${id()}@example.com`;
  const inUrl = (url: string) =>
    [email, encodeURIComponent(email)].some((form) => url.toLowerCase().includes(form.toLowerCase()));
  const requests: { method: string; url: string }[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest()) requests.push({ method: request.method(), url: request.url() });
  });
  const requested = new Date(Date.now() - 1000);
  await page.goto("/signin?callbackUrl=/library");
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.waitForLoadState();
  const masked = (url: string) => url.replaceAll(encodeURIComponent(email), "…").replaceAll(email, "…");
  for (const { method, url } of requests)
    noScriptRows.push(["navigation", method, masked(url), inUrl(url) ? "yes" : "no"]);
  expect(requests.filter(({ url }) => inUrl(url))).toEqual([]);
  expect(requests).toContainEqual({ method: "POST", url: new URL("/api/auth/signin/email", baseURL).href });
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  expect(inUrl(page.url())).toBe(false);
  // The mailed link signs this browser in, still without JavaScript.
  await page.goto(await latestMagicLink(email, requested));
  await expect(page.getByTestId("signed-in-as")).toHaveText(email);
  noScriptRows.push(["link from the mail", "GET", "/library", "—"]);
  await context.close();
});

// "a@b" passes the browser's own type="email" check; the server refuses it, and says why.
test("an address such as a@b is called invalid, with or without JavaScript, not a failed delivery", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill("a@b");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: INVALID_EMAIL_MESSAGE })).toBeVisible();
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto("/signin");
  await plain.getByLabel("Email address").fill("a@b");
  await plain.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(plain.getByRole("alert").filter({ hasText: INVALID_EMAIL_MESSAGE })).toBeVisible();
  await context.close();
});

test("crafted addresses send nothing to a second inbox through the real sign-in endpoint", async ({
  baseURL,
}) => {
  // Mail dates have whole seconds, and the journey before this one was mailed a link of its own
  // a moment ago: what this test sent is what was not in the catcher when it began.
  const started = new Date(Date.now() - 1000);
  const earlier = new Set((await messagesSince(started)).map((message) => message.id));
  const crafted = [
    "a@attacker.com,victim@x.com",
    "a@attacker.com;victim@x.com",
    "a@attacker.com victim@x.com",
    "a@attacker.com\tvictim@x.com",
    " a@attacker.com , victim@x.com ",
    '"e@attacker.com"@victim.com',
    '"a@attacker.com,"@victim.com',
    "e@attacker.com(comment)@victim.com",
    "victim@x.com(a@attacker.com)",
    "Victim <victim@x.com>, a@attacker.com",
    "<a@attacker.com>",
    "victim@x.com\r\nbcc: a@attacker.com",
    "victim@x.com%0d%0abcc:a@attacker.com",
    "a%40attacker.com%2Cvictim%40x.com",
    "a@attacker.com%2Cvictim@x.com",
    "a@attacker.com，victim@x.com",
    "=?utf-8?q?a=40attacker.com?=@victim.com",
    "a@attacker.com\u0000victim@x.com",
    "victim@[127.0.0.1]",
  ];
  for (const email of crafted) {
    const before = new Date(Date.now() - 50);
    const answer = await requestSignInEmail(baseURL!, email, { ip: "198.51.100.10" });
    const sent = (await messagesSince(before)).filter((message) => !earlier.has(message.id));
    injectionRows.push([
      JSON.stringify(email),
      answer.error ?? `${answer.status}`,
      sent.length,
      recipients(sent).join(", ") || "—",
    ]);
    expect(answer.error, email).toBe("InvalidEmail");
    expect(answer.status, email).toBe(400);
  }
  // The same endpoint does send for a plain address (written with spaces and capitals).
  const control = `control-${id()}@example.com`;
  const answer = await requestSignInEmail(baseURL!, `  ${control.toUpperCase()} `, { ip: "198.51.100.10" });
  expect(answer.error).toBeNull();
  await latestMagicLink(control, started);
  const sent = (await messagesSince(started)).filter((message) => !earlier.has(message.id));
  injectionRows.push([
    JSON.stringify(`  ${control.toUpperCase()} `),
    "check-email",
    sent.length,
    recipients(sent).join(", "),
  ]);
  expect(recipients(sent)).toEqual([control]);
  expect(recipients(sent).filter((address) => /attacker|victim/.test(address))).toEqual([]);
});

const hostileCallbacks = [
  "https://evil.example/phish",
  "//evil.example",
  "/\\evil.example",
  "javascript:alert(document.cookie)",
];

test("a callbackUrl to another origin lands on the app, from the sign-in page and from a tampered link", async ({
  page,
  baseURL,
}) => {
  const app = new URL(baseURL!).origin;
  for (const callbackUrl of hostileCallbacks) {
    const email = `callback-${id()}@example.com`;
    await new SignInPage(page).signIn(email, callbackUrl);
    const landed = new URL(page.url());
    callbackRows.push([callbackUrl, "sign-in page", landed.origin === app ? "the app" : landed.href]);
    expect(landed.origin).toBe(app);
    expect(landed.pathname).toBe("/library");
    await page.context().clearCookies();

    // Asked for over HTTP with the hostile callback, and the emailed link tampered with too.
    const scripted = `callback-${id()}@example.com`;
    const requested = new Date(Date.now() - 1000);
    expect(
      (await requestSignInEmail(baseURL!, scripted, { callbackUrl, ip: "198.51.100.11" })).error,
    ).toBeNull();
    const link = new URL(await latestMagicLink(scripted, requested));
    const emailed = await openMagicLink(link.href, baseURL!);
    expect(new URL(emailed.location!, app).origin).toBe(app);
    callbackRows.push([
      callbackUrl,
      "emailed link",
      new URL(emailed.location!, app).origin === app ? "the app" : emailed.location!,
    ]);

    const again = `callback-${id()}@example.com`;
    const requestedAgain = new Date(Date.now() - 1000);
    await requestSignInEmail(baseURL!, again, { ip: "198.51.100.11" });
    const tampered = new URL(await latestMagicLink(again, requestedAgain));
    tampered.searchParams.set("callbackUrl", callbackUrl);
    const opened = await openMagicLink(tampered.href, baseURL!);
    const location = new URL(opened.location!, app);
    callbackRows.push([
      callbackUrl,
      "link with callbackUrl replaced",
      location.origin === app ? "the app" : opened.location!,
    ]);
    expect(location.origin).toBe(app);
  }
});

test.describe("with two more app instances sharing the database", () => {
  let instances: AppInstance[] = [];
  const limits = { address: 3, ip: 6 };

  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(120_000);
    const port = Number(new URL(baseURL!).port);
    const env = {
      SIGN_IN_LIMIT_PER_ADDRESS: String(limits.address),
      SIGN_IN_LIMIT_PER_IP: String(limits.ip),
      SIGN_IN_LINK_TTL_SECONDS: "120",
      // The test plays the one trusted proxy in front of these instances: it names each request's
      // client in X-Forwarded-For, as a load balancer would.
      TRUSTED_PROXY_HOPS: "1",
    };
    instances = await Promise.all([
      startAppInstance({ port: port + 50, appUrl: `https://localhost:${port + 50}`, env }),
      startAppInstance({ port: port + 51, env }),
    ]);
  });
  test.afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
  });

  test("sign-in emails are limited per address and per client address, whichever instance answers", async ({
    page,
  }) => {
    const started = new Date(Date.now() - 1000);
    const email = `limited-${id()}@example.com`;
    const answers = [];
    for (let i = 0; i <= limits.address; i++) {
      // A different client address each time, so only the address limit can apply.
      answers.push(await requestSignInEmail(instances[i % 2].origin, email, { ip: `203.0.113.${10 + i}` }));
    }
    expect(answers.slice(0, limits.address).map((answer) => answer.error)).toEqual(
      Array(limits.address).fill(null),
    );
    const refused = answers[limits.address];
    expect(refused).toMatchObject({ status: 429, error: "RateLimited" });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(await messagesTo(email, started)).toHaveLength(limits.address);
    limitRows.push([
      "per address",
      limits.address,
      answers.length,
      (await messagesTo(email, started)).length,
      `request ${limits.address + 1}`,
      `${refused.status} ${refused.error}`,
    ]);

    const ip = `203.0.113.${100 + Math.floor(Math.random() * 100)}`;
    const addresses = Array.from({ length: limits.ip + 1 }, () => `crowd-${id()}@example.com`);
    const byIp = [];
    for (const [i, address] of addresses.entries())
      byIp.push(await requestSignInEmail(instances[i % 2].origin, address, { ip }));
    expect(byIp.slice(0, limits.ip).every((answer) => answer.error === null)).toBe(true);
    expect(byIp[limits.ip]).toMatchObject({ status: 429, error: "RateLimited" });
    expect(await messagesTo(addresses[limits.ip], started)).toHaveLength(0);
    const sentByIp = (await Promise.all(addresses.map((address) => messagesTo(address, started)))).flat()
      .length;
    expect(sentByIp).toBe(limits.ip);
    limitRows.push([
      "per client address",
      limits.ip,
      byIp.length,
      sentByIp,
      `request ${limits.ip + 1}`,
      `${byIp[limits.ip].status} ${byIp[limits.ip].error}`,
    ]);

    // The sign-in page says why, in the browser, on the other instance.
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.250" });
    await page.goto(`${instances[1].origin}/signin`);
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("Too many sign-in links were requested")).toBeVisible();
    await expect(page.getByText("Too many sign-in links were requested")).toHaveAttribute("role", "alert");
    expect(await messagesTo(email, started)).toHaveLength(limits.address);
  });

  // One row per body shape: how its requests were answered.
  const tally = (flood: string, bodies: SignInBody[], outcomes: SignInOutcome[]) => {
    for (const shape of new Set(bodies.map((body) => body.shape))) {
      const mine = outcomes.filter((_, i) => bodies[i].shape === shape);
      const limited = mine.filter((outcome) => outcome.rateLimited).length;
      const sent = mine.filter((outcome) => outcome.sent).length;
      floodRows.push([flood, shape, mine.length, sent, limited, mine.length - sent - limited]);
    }
  };

  test("a concurrent flood in every body shape mails one inbox no more than the per-address limit", async () => {
    const started = new Date(Date.now() - 1000);
    const inbox = `kv-${id()}@example.com`;
    const bodies = signInBodies(inbox, `decoy-${id()}@example.com`);
    const flood = bodies.flatMap((body) => [body, body, body]);
    // Each from its own client address, so only the per-address limit can apply.
    const outcomes = await Promise.all(
      flood.map((body, i) => postSignIn(instances[i % 2].origin, body, { ip: `198.18.1.${i}` })),
    );
    tally("one inbox", flood, outcomes);
    expect(await messagesTo(inbox, started)).toHaveLength(limits.address);
    expect(outcomes.filter((outcome) => outcome.sent)).toHaveLength(limits.address);

    // Refused requests keep their answers: 429 JSON with Retry-After for next-auth's client
    // (json=true), 303 to the sign-in page for a browser's form post.
    const [json, browserForm] = [bodies[3], bodies[1]];
    const refused = await postSignIn(instances[0].origin, json, { ip: "198.18.1.250" });
    expect(refused).toMatchObject({ status: 429, rateLimited: true });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    const redirected = await postSignIn(instances[1].origin, browserForm, { ip: "198.18.1.251" });
    expect(redirected).toMatchObject({ status: 303, rateLimited: true });
    expect(new URL(redirected.location!).pathname).toBe("/signin");
    expect(await messagesTo(inbox, started)).toHaveLength(limits.address);
  });

  test("a concurrent flood from one client address mails no more than its limit, over many inboxes", async () => {
    const started = new Date(Date.now() - 1000);
    const targets = Array.from({ length: limits.ip + 10 }, () => `kc-${id()}@example.com`);
    const bodies = targets.map((target, i) => {
      const shapes = signInBodies(target, `decoy-${id()}@example.com`);
      return shapes[i % shapes.length];
    });
    const outcomes = await Promise.all(
      bodies.map((body, i) => postSignIn(instances[i % 2].origin, body, { ip: "198.18.2.1" })),
    );
    tally("one client address", bodies, outcomes);
    const mailed = (await Promise.all(targets.map((target) => messagesTo(target, started)))).flat();
    expect(mailed).toHaveLength(limits.ip);
    expect(outcomes.filter((outcome) => outcome.sent)).toHaveLength(limits.ip);
  });

  test("a used link voids the address's other links, two opened at once sign in once, and links live SIGN_IN_LINK_TTL_SECONDS", async () => {
    const origin = instances[1].origin;
    const email = `links-${id()}@example.com`;
    const requested = new Date(Date.now() - 1000);
    const before = Date.now();
    expect((await requestSignInEmail(origin, email, { ip: "198.18.3.1" })).error).toBeNull();
    const after = Date.now();
    const older = await latestMagicLink(email, requested);
    const [stored] = await testDb().verificationToken.findMany({ where: { identifier: email } });
    expect(stored.expires.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    expect(stored.expires.getTime()).toBeLessThanOrEqual(after + 120_000);
    expect((await messagesTo(email, requested))[0].text).toContain("expires in 2 minutes");
    linkRows.push([
      "a link's lifetime with SIGN_IN_LINK_TTL_SECONDS=120",
      `${Math.round((stored.expires.getTime() - before) / 1000)} s`,
    ]);

    expect((await requestSignInEmail(origin, email, { ip: "198.18.3.2" })).error).toBeNull();
    const newer = (
      await waitForMessage(
        email,
        (message) => MAGIC_LINK.test(message.text) && !message.text.includes(older),
        requested,
      )
    ).text.match(MAGIC_LINK)![0];
    const signedIn = (answer: { setCookies: string[] }) =>
      answer.setCookies.some((cookie) => /^(__Secure-)?next-auth\.session-token=[^;]/.test(cookie));
    const usedNewer = await openMagicLink(newer, origin);
    expect(signedIn(usedNewer)).toBe(true);
    const usedOlder = await openMagicLink(older, origin);
    linkRows.push([
      "the older link, after the newer one was used",
      usedOlder.location ?? String(usedOlder.status),
    ]);
    expect(signedIn(usedOlder)).toBe(false);
    expect(new URL(usedOlder.location!, origin).searchParams.get("error")).toBe("Verification");

    const racer = `links-${id()}@example.com`;
    const raced = new Date(Date.now() - 1000);
    for (const ip of ["198.18.3.3", "198.18.3.4"])
      expect((await requestSignInEmail(origin, racer, { ip })).error).toBeNull();
    await expect.poll(async () => (await messagesTo(racer, raced)).length).toBe(2);
    const pair = (await messagesTo(racer, raced)).map((message) => message.text.match(MAGIC_LINK)![0]);
    const answers = await Promise.all(pair.map((link, i) => openMagicLink(link, instances[i].origin)));
    linkRows.push([
      "two links of one address opened at once, on two instances",
      `${answers.filter(signedIn).length} signed in`,
    ]);
    expect(answers.filter(signedIn)).toHaveLength(1);
  });

  test("session and CSRF cookies are HttpOnly and SameSite=Lax, and Secure with the __Secure-/__Host- prefix behind https", async ({
    baseURL,
  }) => {
    const httpsInstance = instances[0];
    for (const [appUrl, origin] of [
      [httpsInstance.appUrl, httpsInstance.origin],
      [new URL(baseURL!).origin, new URL(baseURL!).origin],
    ]) {
      const secure = appUrl.startsWith("https://");
      const email = `cookie-${id()}@example.com`;
      const requested = new Date(Date.now() - 1000);
      const { setCookies: csrfCookies } = await csrfSession(origin);
      expect((await requestSignInEmail(origin, email, { ip: `192.0.2.${secure ? 1 : 2}` })).error).toBeNull();
      const link = await latestMagicLink(email, requested);
      expect(new URL(link).origin).toBe(new URL(appUrl).origin);
      const opened = await openMagicLink(link, origin);
      expect(opened.status).toBe(302);

      const cookies = [...csrfCookies, ...opened.setCookies].map((line) => {
        const [pair, ...attributes] = line.split(";").map((part) => part.trim());
        const flags = attributes.map((attribute) => attribute.toLowerCase());
        return {
          name: pair.split("=")[0],
          httpOnly: flags.includes("httponly"),
          secure: flags.includes("secure"),
          sameSite: flags.find((flag) => flag.startsWith("samesite="))?.split("=")[1] ?? "none given",
        };
      });
      const session = cookies.find((cookie) => cookie.name.endsWith("next-auth.session-token"));
      const csrf = cookies.find((cookie) => cookie.name.endsWith("next-auth.csrf-token"));
      expect(session).toEqual({
        name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
        httpOnly: true,
        secure,
        sameSite: "lax",
      });
      expect(csrf).toEqual({
        name: `${secure ? "__Host-" : ""}next-auth.csrf-token`,
        httpOnly: true,
        secure,
        sameSite: "lax",
      });
      for (const cookie of cookies) {
        cookieRows.push([
          appUrl.replace(/:\d+$/, ""),
          cookie.name,
          cookie.httpOnly ? "yes" : "no",
          cookie.secure ? "yes" : "no",
          cookie.sameSite,
        ]);
      }
    }
  });
});

import { demoCollector } from "../prisma/seed/catalog";
import { recordSecurityEvidence } from "../tests/support/security-evidence";
import { expect, test } from "./fixtures";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";
import { startAppInstance, type AppInstance } from "./support/app-instance";
import { testDb } from "./support/db";
import { cookieHeader } from "./stable-links";

const headerRows: (string | number)[][] = [];
const csrfRows: (string | number)[][] = [];
const bodyRows: (string | number)[][] = [];
const pathRows: (string | number)[][] = [];

test.afterAll(() => {
  recordSecurityEvidence({
    section: "csrf-headers",
    title: "Security headers per route",
    columns: [
      "APP_URL",
      "route",
      "status",
      "CSP",
      "HSTS",
      "frame-ancestors",
      "Referrer-Policy",
      "nosniff",
      "Permissions-Policy",
    ],
    rows: headerRows,
    counts: { "responses checked": headerRows.length },
  });
  recordSecurityEvidence({
    section: "csrf-headers",
    title: "Captured server action replayed with other origins",
    columns: ["action", "Origin", "status", "download events written"],
    rows: csrfRows,
  });
  recordSecurityEvidence({
    section: "bad-input",
    title: "Paths that are not valid percent-encoding",
    columns: ["path", "status", "x-request-id", "error"],
    rows: pathRows,
    counts: { "paths sent": pathRows.length },
    note: "Next.js decodes a path before proxy.ts runs and answered these with a bare 500 (vercel/next.js#92527); the server's request hook answers 400.",
  });
  recordSecurityEvidence({
    section: "csrf-headers",
    title: "Oversized bodies",
    columns: ["target", "body", "status", "rows written"],
    rows: bodyRows,
  });
});

const pageRoutes = [
  "/",
  "/products/lumen-cli",
  "/signin",
  "/signin/check-email",
  "/library",
  "/checkout/success",
  "/download/file/nosuchfile123",
];
const apiRoutes = ["/api/health", "/api/webhooks/stripe", "/api/v1/releases"];
const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));

test.describe("security headers", () => {
  let httpsInstance: AppInstance;
  test.beforeAll(async ({ baseURL }) => {
    test.setTimeout(120_000);
    const port = Number(new URL(baseURL!).port) + 52;
    httpsInstance = await startAppInstance({ port, appUrl: `https://localhost:${port}` });
  });
  test.afterAll(async () => httpsInstance?.stop());

  test("every page and route sends them; HSTS only when served over https", async ({ baseURL }) => {
    const bucket = new URL(process.env.S3_ENDPOINT!).origin;
    const checkout = new URL(process.env.STRIPE_API_URL!).origin;
    for (const [appUrl, origin] of [
      [new URL(baseURL!).origin, new URL(baseURL!).origin],
      [httpsInstance.appUrl, httpsInstance.origin],
    ]) {
      const https = appUrl.startsWith("https://");
      for (const route of [...pageRoutes, ...apiRoutes]) {
        const response = await fetch(`${origin}${route}`, {
          redirect: "manual",
          headers: { accept: "text/html" },
        });
        const headers = response.headers;
        const policy = headers.get("content-security-policy");
        const isPage = pageRoutes.includes(route);
        expect(headers.get("x-content-type-options"), route).toBe("nosniff");
        expect(headers.get("referrer-policy"), route).toBe("strict-origin-when-cross-origin");
        expect(headers.get("x-frame-options"), route).toBe("DENY");
        expect(headers.get("permissions-policy"), route).toContain("camera=()");
        if (isPage) {
          expect(policy, route).toBeTruthy();
          expect(directive(policy!, "script-src"), route).toMatch(
            /^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/,
          );
          expect(directive(policy!, "frame-ancestors"), route).toBe("frame-ancestors 'none'");
          expect(directive(policy!, "object-src"), route).toBe("object-src 'none'");
          expect(directive(policy!, "connect-src")?.split(" "), route).toContain(bucket);
          expect(directive(policy!, "form-action")?.split(" "), route).toContain(checkout);
          expect(headers.get("strict-transport-security"), route).toBe(
            https ? "max-age=63072000; includeSubDomains" : null,
          );
        }
        await response.body?.cancel();
        headerRows.push([
          https ? "https" : "http",
          route,
          response.status,
          policy ? (directive(policy, "script-src")?.includes("'nonce-") ? "nonce" : "yes") : "—",
          headers.get("strict-transport-security") ?? "—",
          policy ? "'none'" : headers.get("x-frame-options") === "DENY" ? "X-Frame-Options: DENY" : "—",
          headers.get("referrer-policy") ?? "—",
          headers.get("x-content-type-options") ?? "—",
          headers.get("permissions-policy") ? "set" : "—",
        ]);
      }
    }
  });

  test("each page gets a fresh nonce, and every script in it carries that nonce", async ({ baseURL }) => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${baseURL}/products/lumen-cli`);
      const nonce = response.headers.get("content-security-policy")!.match(/'nonce-([^']+)'/)![1];
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(2);
  });
});

test("injected markup runs no script, and the journeys' CSP watch sees the report", async ({
  page,
  cspViolations,
}) => {
  await page.goto("/products/lumen-cli");
  // What an HTML injection would add: an inline handler, which only 'unsafe-inline' would run.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML(
      "beforeend",
      '<img src="/no-such-image.png" onerror="window.injected = true">',
    ),
  );
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => "injected" in window)).toBe(false);
  expect(cspViolations.join("\n")).toContain("script-src");
  cspViolations.length = 0; // seen here on purpose; any other test fails on one
});

test("a captured server action replayed with a foreign or null Origin is refused and writes nothing", async ({
  page,
  context,
  baseURL,
}) => {
  const db = testDb();
  try {
    await new SignInPage(page).signIn(demoCollector.email);
    const library = new LibraryPage(page);
    await library.open();
    const captured = page.waitForRequest(
      (request) => request.method() === "POST" && !!request.headers()["next-action"],
    );
    await library.download("Tessellate Setup 2.1.0 (x64).exe");
    const action = await captured;
    const headers = action.headers();
    const user = await db.user.findUniqueOrThrow({ where: { email: demoCollector.email } });
    const events = () => db.downloadEvent.count({ where: { userId: user.id } });
    const cookie = await cookieHeader(context);
    const app = new URL(baseURL!).origin;

    const replay = (origin: string | null, body = action.postData() ?? "") =>
      fetch(action.url(), {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie,
          accept: headers["accept"] ?? "text/x-component",
          "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
          "next-action": headers["next-action"],
          "next-router-state-tree": headers["next-router-state-tree"] ?? "",
          ...(origin === null ? {} : { origin }),
        },
        body,
      });

    for (const origin of [
      "https://evil.example",
      "null",
      "http://localhost.evil.example",
      `${app}.evil.example`,
    ]) {
      const before = await events();
      const response = await replay(origin);
      await response.text();
      const written = (await events()) - before;
      csrfRows.push(["issueDownloadLink (library)", origin, response.status, written]);
      // Refused by proxy.ts before the action runs: 403, not the 500 Next.js itself would answer.
      expect(response.status, origin).toBe(403);
      expect(response.headers.get("x-request-id"), origin).toBeTruthy();
      expect(written, origin).toBe(0);
    }
    // The same capture from the app's own origin works: the replays above were refused for their Origin alone.
    const before = await events();
    const same = await replay(app);
    expect(same.status).toBe(200);
    expect(await same.text()).toContain("X-Amz-Signature");
    const written = (await events()) - before;
    csrfRows.push(["issueDownloadLink (library)", `${app} (control)`, same.status, written]);
    expect(written).toBe(1);

    // Over the server actions' body size limit (1 MiB): refused before the action runs, whether the
    // size is declared (413 from the proxy) or only found while reading (Next.js stops at the limit).
    const padded = JSON.stringify([JSON.parse(action.postData() ?? "[]")[0], "x".repeat(2 * 1024 * 1024)]);
    const streamed = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(padded));
          controller.close();
        },
      });
    for (const [label, body] of [
      ["2 MiB, Content-Length", padded],
      ["2 MiB, chunked", streamed()],
    ] as const) {
      const beforeLarge = await events();
      const large = await fetch(action.url(), {
        method: "POST",
        headers: {
          cookie,
          origin: app,
          "content-type": "text/plain;charset=UTF-8",
          "next-action": headers["next-action"],
          accept: "text/x-component",
        },
        body,
        duplex: "half",
      } as RequestInit);
      await large.text();
      const writtenLarge = (await events()) - beforeLarge;
      bodyRows.push(["server action issueDownloadLink", label, large.status, writtenLarge]);
      expect(large.status, label).toBe(label.includes("Content-Length") ? 413 : 500);
      expect(writtenLarge, label).toBe(0);
    }
  } finally {
    await db.$disconnect();
  }
});

test("a path that is not valid percent-encoding answers 400 with a request id, on every kind of route", async ({
  baseURL,
}) => {
  for (const path of [
    "/download/file/%E0%A4%A",
    "/products/%ZZ",
    "/admin/customers/%ZZ",
    "/api/v1/feeds/%ZZ/stable/linux",
    "/api/webhooks/%E0%A4%A",
    "/%C0%AF",
    "/library/%",
  ]) {
    const response = await fetch(`${baseURL}${path}`, {
      redirect: "manual",
      headers: { accept: "text/html" },
    });
    const body = (await response.json()) as { error?: string; requestId?: string };
    const requestId = response.headers.get("x-request-id");
    pathRows.push([path, response.status, requestId ? "yes" : "—", body.error ?? "—"]);
    expect(response.status, path).toBe(400);
    expect(body.error, path).toBe("invalid_input");
    expect(requestId, path).toBeTruthy();
    expect(body.requestId, path).toBe(requestId);
  }
});

test("route handlers that read bodies answer 413 to oversized ones", async ({ baseURL }) => {
  const db = testDb();
  try {
    const before = await db.stripeEvent.count();
    const declared = await fetch(`${baseURL}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "stripe-signature": "t=1,v1=00", "content-type": "application/json" },
      body: "x".repeat(2 * 1024 * 1024),
    });
    bodyRows.push([
      "POST /api/webhooks/stripe",
      "2 MiB, Content-Length",
      declared.status,
      (await db.stripeEvent.count()) - before,
    ]);
    expect(declared.status).toBe(413);

    // Chunked, no Content-Length: a body that would go on for 256 MiB is cut off at the limit.
    const BODY = 256 * 1024 * 1024;
    let produced = 0;
    let settled = false;
    const chunk = new Uint8Array(64 * 1024).fill(120);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // After a reset, fetch goes on draining its body into nothing; stop it there.
        if (settled || produced >= BODY) return controller.close();
        produced += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const chunked = await fetch(`${baseURL}/api/webhooks/stripe`, {
      method: "POST",
      headers: { "stripe-signature": "t=1,v1=00", "content-type": "application/json" },
      body: endless,
      duplex: "half",
    } as RequestInit).catch((error: Error & { cause?: { code?: string } }) => ({
      status: error.cause?.code ?? error.message,
    }));
    const sent = produced; // when the server's answer (or its close) arrived
    settled = true;
    bodyRows.push([
      "POST /api/webhooks/stripe",
      `chunked, ${Math.round(sent / 1024 / 1024)} MiB sent of 256`,
      chunked.status,
      (await db.stripeEvent.count()) - before,
    ]);
    // The server answers 413 and closes the connection while the client is still sending; when
    // the close reaches the client before the answer does, the socket is reset instead.
    expect([413, "ECONNRESET", "EPIPE", "UND_ERR_SOCKET"]).toContain(chunked.status);
    expect(sent).toBeLessThan(BODY);
    expect(await db.stripeEvent.count()).toBe(before);
  } finally {
    await db.$disconnect();
  }
});

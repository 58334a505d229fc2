// Every email the store sends, rendered from its one template: the HTML part escapes whatever the
// store and its buyers typed (byte for byte as react-dom/server would), the text part carries the
// link, key or amount the email exists for, and the outbox and sign-in send them branded.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueEmail } from "../lib/dal/outbox";
import { sendMagicLink } from "../lib/mail/magic-link";
import { emails, renderEmail, type EmailName, type EmailOf } from "../lib/mail/registry";
import { renderHtml } from "../lib/mail/render";
import type { MailMessage } from "../lib/mail/send";
import { sendPendingEmails } from "../lib/notifications/outbox";
import { hostile, hostileBrand, sampleEmails, sampleLicenseKey, signInUrl } from "./support/email-samples";
import { config, prisma, unique } from "./support/fixtures";
import { nastyString } from "./support/nasty-input";
import { recordSecurityEvidence } from "./support/security-evidence";
import { keepStoreSettings } from "./support/store-settings";

let restoreStoreSettings: () => Promise<void>;
beforeAll(async () => void (restoreStoreSettings = await keepStoreSettings()));
afterAll(async () => {
  await restoreStoreSettings();
  await prisma.$disconnect();
});

const body = (html: string) => html.slice(html.indexOf("<body"));
const reactBody = (email: EmailOf, brand = hostileBrand) =>
  body(renderToStaticMarkup(createElement(emails[email.name].Email as never, { ...email.props, brand })));
// In escaped HTML every "<" opens a real tag: none may be a script or carry a handler.
const unsafeTags = (html: string) =>
  (html.match(/<[^>]*>/g) ?? []).filter((tag) => /script|\son\w+=/i.test(tag));

// What each email exists to deliver, as the text part must say it.
const textMustCarry: Record<EmailName, string[]> = {
  signIn: [`Sign in: ${signInUrl}`, "expires in 15 minutes"],
  receipt: [
    `Licence key: ${sampleLicenseKey}`,
    "Total: €185.64",
    "Invoice NW-0042: https://invoices.example/in_1?x=1&y=2",
  ],
  paymentFailed: [`Back to the store: ${hostileBrand.appUrl}`],
  release: ["2.0.0 is out", "No more emails about it: https://store.northwind.example/unsubscribe?"],
  customerFile: ["File: tessellate-2.0.0-custom-ana-macos-universal.dmg", "Size: 26.2 MB"],
  renewalReminder: [
    "run until Dec 9, 2026",
    "https://store.northwind.example/account/renew/cmx5entitlement01",
    "No more renewal reminders about it: https://store.northwind.example/unsubscribe?",
  ],
};

describe("email templates", () => {
  it("render every email from one tree: HTML escaped as React escapes it, text with what the email is for", () => {
    const samples = sampleEmails(hostile);
    expect(Object.keys(samples).sort()).toEqual(Object.keys(emails).sort()); // a new email needs a sample
    const rows: string[][] = [];
    for (const email of Object.values(samples)) {
      const { subject, html, text } = renderEmail(email, hostileBrand);
      expect(body(html), email.name).toBe(reactBody(email));
      expect(unsafeTags(html), email.name).toEqual([]);
      expect(html, email.name).toContain(
        "Acme &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Co&#x27;",
      );
      expect(html, email.name).not.toContain("#123456"); // a forged accent never reaches a style
      expect(html, email.name).toContain('href="https://acme.example/terms?a=1&amp;b=&quot;2&quot;"');
      for (const line of textMustCarry[email.name]) expect(text, email.name).toContain(line);
      expect(text, email.name).toContain(hostileBrand.name); // plain text is not HTML-escaped
      expect(text, email.name).not.toMatch(/&(amp|lt|gt|quot|#x27);/);
      expect(subject, email.name).not.toMatch(/[\r\n]/);
      rows.push([email.name, "identical", "0", textMustCarry[email.name][0].replace(/DL-[\w-]+/, "DL-…")]);
    }
    expect(renderEmail(samples.receipt, hostileBrand).subject).toBe(
      `Your ${hostileBrand.name} receipt: ${hostile}`,
    );
    const withKey = Object.values(samples).filter((email) =>
      renderEmail(email, hostileBrand).text.includes(sampleLicenseKey),
    );
    expect(withKey.map((email) => email.name)).toEqual(["receipt"]);
    recordSecurityEvidence({
      section: "bad-input",
      title: "Emails escape what the store and its buyers typed",
      columns: ["email", "HTML body vs react-dom/server", "script or handler tags", "text part carries"],
      rows,
      note: "Each email of lib/mail/registry.ts rendered with a store name, product name and policy link holding <script>, quotes, & and an <img onerror>, and an accent colour that tries to close its attribute (tests/emails.test.ts).",
    });
  });

  it("escapes any store or product name exactly as react-dom/server does", () => {
    fc.assert(
      fc.property(
        nastyString,
        nastyString,
        fc.constantFrom(...(Object.keys(emails) as EmailName[])),
        (store, product, name) => {
          const email = sampleEmails(product)[name];
          const brand = { ...hostileBrand, name: store };
          const html = renderEmail(email, brand).html;
          expect(body(html)).toBe(reactBody(email, brand));
          expect(unsafeTags(html)).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("render the same under the react-server condition, where react-dom/server refuses to load", () => {
    const run = (conditions: string[]) =>
      execFileSync("npx", ["tsx", ...conditions, "tests/support/render-emails.ts"], { encoding: "utf8" });
    const underReactServer = JSON.parse(run(["--conditions=react-server"]));
    expect(underReactServer).toEqual(
      Object.values(sampleEmails(hostile)).map((email) => renderEmail(email, hostileBrand)),
    );
    expect(() =>
      execFileSync("node", ["--conditions=react-server", "-e", "require('react-dom/server')"], {
        stdio: "pipe",
      }),
    ).toThrow(/not supported in React Server Components/);
  });

  it("refuse raw HTML and style values that end their declaration", () => {
    expect(() => renderHtml(createElement("div", { dangerouslySetInnerHTML: { __html: "<b>" } }))).toThrow(
      /raw HTML/,
    );
    expect(() => renderHtml(createElement("p", { style: { color: "red;background:url(x)" } }))).toThrow(
      /unsafe CSS/,
    );
    expect(() => renderHtml(createElement("p", { "on click": "x" }))).toThrow(/cannot be rendered/);
  });
});

describe("sent emails", () => {
  const brandedStore = {
    name: `Acme <b>&</b> "Tools"`,
    accentColor: "#0f766e",
    supportEmail: "help@acme.example",
    termsUrl: "/terms",
  };
  const mailbox = async () =>
    (await (await fetch(`${process.env.MAIL_UI_URL}/email`)).json()) as (MailMessage & {
      to: { address: string }[];
    })[];

  it("are branded from the store's settings, in the outbox and on the sign-in path", async () => {
    await prisma.storeSettings.update({ where: { id: 1 }, data: brandedStore });
    const email = `${unique("branded")}@example.com`;
    const dedupeKey = unique("payment-failed");
    await enqueueEmail({ kind: "payment_failed", dedupeKey, email });
    const sent: MailMessage[] = [];
    expect(
      await sendPendingEmails({ dedupeKeys: [dedupeKey], send: async (m) => void sent.push(m) }),
    ).toEqual({ sent: 1, failed: 0 });
    expect(sent[0].subject).toBe(`Your ${brandedStore.name} payment did not go through`);
    expect(sent[0].from).toEqual({ name: brandedStore.name, address: expect.any(String) });
    for (const part of [
      "background:#0f766e",
      "Acme &lt;b&gt;&amp;&lt;/b&gt; &quot;Tools&quot;",
      `href="${config.APP_URL}/terms"`,
      'href="mailto:help@acme.example"',
    ])
      expect(sent[0].html).toContain(part);

    const reader = `${unique("reader")}@example.com`;
    const url = `${config.APP_URL}/api/auth/callback/email?token=${unique("t")}&email=${encodeURIComponent(reader)}`;
    await sendMagicLink({ to: reader, url, host: new URL(config.APP_URL).host, lifetime: "15 minutes" });
    const received = async () =>
      (await mailbox()).find((message) => message.to.some((to) => to.address === reader));
    await expect.poll(received).toBeTruthy();
    const mail = (await received())!;
    expect(mail.subject).toBe(`Sign in to ${brandedStore.name}`);
    expect(mail.text).toContain(`Sign in: ${url}`);
    expect(mail.html).toContain("border-top:4px solid #0f766e");
    expect(mail.html).toContain(`href="${url.replaceAll("&", "&amp;")}"`);
  });
});

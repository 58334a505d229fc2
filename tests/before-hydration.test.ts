// What holds before a page's JavaScript runs: the dev server hands its scripts and hot reload to
// the loopback hosts the store is opened at, and no form falls back to GET by omission (a GET form
// puts its fields, such as an email address, into the URL). The browser side of the sign-in form
// is e2e/sign-in-security.spec.ts, with JavaScript turned off.
import { readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { blockCrossSiteDEV } from "next/dist/server/lib/router-utils/block-cross-site-dev";
import { describe, expect, it } from "vitest";
import nextConfig from "../next.config";

// Next's own dev-server check, as `next dev` runs it for every /_next request and the HMR socket.
function blockedInDev(origin: string, url: string) {
  const request = { url, headers: { origin, "sec-fetch-mode": "cors", "sec-fetch-site": "same-origin" } };
  const response = { statusCode: 200, end: () => {} };
  return blockCrossSiteDEV(
    request as unknown as IncomingMessage,
    response as unknown as ServerResponse,
    nextConfig.allowedDevOrigins,
    undefined,
  );
}

describe("next dev", () => {
  it.each(["http://127.0.0.1:3000", "http://[::1]:3000", "http://localhost:3000"])(
    "serves its client code to a page at %s",
    (origin) => {
      expect(blockedInDev(origin, "/_next/static/chunks/main-app.js")).toBe(false);
      expect(blockedInDev(origin, "/_next/webpack-hmr")).toBe(false);
    },
  );

  it("still refuses other hosts", () => {
    expect(blockedInDev("http://evil.example", "/_next/static/chunks/main-app.js")).toBe(true);
    expect(blockedInDev("http://127.0.0.1.evil.example:3000", "/_next/webpack-hmr")).toBe(true);
  });
});

const root = path.resolve(import.meta.dirname, "..");
const sources = (directory: string): string[] =>
  readdirSync(path.join(root, directory), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".tsx"))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));

describe("forms", () => {
  it("post through a server action or say their method", () => {
    const forms = ["app", "components"].flatMap(sources).flatMap((file) =>
      [...readFileSync(path.join(root, file), "utf8").matchAll(/<form\b[^>]*>/g)].map((match) => ({
        file,
        tag: match[0],
      })),
    );
    expect(forms.length).toBeGreaterThan(10);
    const byOmission = forms.filter(
      ({ tag }) => !/\saction=\{/.test(tag) && !/\smethod="(post|get)"/.test(tag),
    );
    expect(byOmission).toEqual([]);
    const signIn = forms.find(({ file }) => file === "components/sign-in-form.tsx");
    expect(signIn?.tag).toMatch(/method="post" action="\/api\/auth\/signin\/email"/);
  });
});

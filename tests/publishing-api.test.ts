import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiToken } from "../lib/publishing/tokens";
import { apiRoutes, publishingRoutes, samplePath } from "./support/api-routes";
import { prisma } from "./support/fixtures";
import { adminActor, api, createBareProduct, newToken, publishingRowCounts } from "./support/publishing";

afterAll(() => prisma.$disconnect());

const MIB = 1024 * 1024;

let token: string;
beforeAll(async () => {
  token = (await newToken()).secret;
});

describe("publishing API authentication", () => {
  it("answers 401 on every route and method without a valid publish token", async () => {
    const revoked = await newToken();
    await revokeApiToken(revoked.id, await adminActor());
    const readOnly = await newToken();
    await prisma.apiToken.update({ where: { id: readOnly.id }, data: { scope: "read" } });
    const credentials: [string, Record<string, string>][] = [
      ["no header", {}],
      ["not bearer", { authorization: `Basic ${Buffer.from(`x:${token}`).toString("base64")}` }],
      ["garbage", { authorization: "Bearer hunter2" }],
      ["well-formed but unknown", { authorization: `Bearer dl_${randomBytes(32).toString("base64url")}` }],
      ["revoked", { authorization: `Bearer ${revoked.secret}` }],
      ["wrong scope", { authorization: `Bearer ${readOnly.secret}` }],
    ];
    const routes = await publishingRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const before = await publishingRowCounts();
    const refusedBefore = await prisma.auditLog.findMany({ where: { action: "api.denied" } });
    let refusals = 0;
    for (const route of routes) {
      for (const method of Object.keys(route.methods)) {
        for (const [label, headers] of credentials) {
          const body = method === "GET" ? undefined : { product: "x" };
          const response = await api(method, samplePath(route.pattern), { headers, body });
          const where = `${method} ${route.pattern} with ${label}`;
          expect(response.status, where).toBe(401);
          expect(response.json, where).toMatchObject({ error: "unauthorized", message: expect.any(String) });
          expect(response.headers.get("cache-control"), where).toBe("no-store");
          expect(response.headers.get("www-authenticate"), where).toContain("Bearer");
          refusals += 1;
        }
      }
    }
    // Every refusal is audited (as a bounded row with a count), and nothing else is written.
    const refusedAfter = await prisma.auditLog.findMany({ where: { action: "api.denied" } });
    const total = (rows: typeof refusedAfter) =>
      rows.reduce((sum, row) => sum + (row.data as { count: number }).count, 0);
    expect(total(refusedAfter) - total(refusedBefore)).toBe(refusals);
    // Each names its route (never the caller's path), so the number of keys stays bounded.
    const surfaces = routes.flatMap((route) =>
      Object.keys(route.methods).map((method) => `${method} ${route.pattern}`),
    );
    const seen = new Set(refusedBefore.map((row) => row.id));
    for (const row of refusedAfter.filter((candidate) => !seen.has(candidate.id)))
      expect(surfaces).toContain(row.targetId);
    expect(await publishingRowCounts()).toEqual({
      ...before,
      audits: before.audits + refusedAfter.length - refusedBefore.length,
    });
  });
});

describe("publishing API documentation", () => {
  it("describes exactly the routes in app/api/v1 in openapi.yaml", async () => {
    // Paths sit at two spaces of indentation under `paths:`, their methods at four.
    const spec = readFileSync(new URL("../openapi.yaml", import.meta.url), "utf8");
    const documented: string[] = [];
    let currentPath = "";
    for (const line of spec.slice(spec.indexOf("\npaths:"), spec.indexOf("\ncomponents:")).split("\n")) {
      const pathLine = /^ {2}(\/\S*):$/.exec(line);
      const methodLine = /^ {4}(get|post|put|patch|delete):$/.exec(line);
      if (pathLine) currentPath = pathLine[1];
      else if (methodLine) documented.push(`${methodLine[1].toUpperCase()} /api/v1${currentPath}`);
    }
    const routes = (await apiRoutes()).flatMap((route) =>
      Object.keys(route.methods).map((method) => `${method} ${route.pattern.replace(/\[(\w+)\]/g, "{$1}")}`),
    );
    expect(documented.sort()).toEqual(routes.sort());
  });
});

describe("publishing API input validation", () => {
  it("answers 400 with a message to malformed input and writes nothing", async () => {
    const product = await createBareProduct();
    const release = await api("POST", "/api/v1/releases", {
      token,
      body: { product: product.slug, version: "0.1.0" },
    });
    const started = await api("POST", `/api/v1/releases/${release.json.id}/files`, {
      token,
      body: { platform: "Linux", filename: "tool.zip", sizeBytes: 10 * MIB },
    });
    expect(started.status).toBe(200);
    const [releasePath, filePath] = [
      `/api/v1/releases/${release.json.id}`,
      `/api/v1/files/${started.json.fileId}`,
    ];
    const newRelease = { product: product.slug, version: "0.2.0" };
    const newFile = { platform: "Linux", filename: "tool-2.zip", sizeBytes: 1000 };
    const share = { product: product.slug, version: "0.1.0", filename: "tool.zip" };

    const cases: [string, string, { body?: unknown; rawBody?: string }][] = [
      ["POST", "/api/v1/releases", { rawBody: "{not json" }],
      ["POST", "/api/v1/releases", { rawBody: "" }],
      ["POST", "/api/v1/releases", { body: [] }],
      ["POST", "/api/v1/releases", { body: { ...newRelease, product: 42 } }],
      ["POST", "/api/v1/releases", { body: { ...newRelease, product: "../../etc" } }],
      ["POST", "/api/v1/releases", { body: { ...newRelease, version: "../1.0.0" } }],
      ["POST", "/api/v1/releases", { body: { ...newRelease, version: "9".repeat(65) } }],
      ["POST", "/api/v1/releases", { body: { ...newRelease, channel: "nightly" } }],
      // An oversized body answers 413 instead: tests/body-limits.test.ts.
      ["POST", "/api/v1/releases", { body: { ...newRelease, status: "published" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, filename: "../../etc/passwd" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, filename: "dir/tool.zip" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, filename: "..\\tool.exe" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, filename: ".." } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, filename: "tool\u0000.zip" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, filename: `${"a".repeat(300)}.zip` } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, sizeBytes: -1 } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, sizeBytes: 0 } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, sizeBytes: 1e20 } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, sizeBytes: 1.5 } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, sizeBytes: "1000" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, platform: "" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, platform: "FreeBSD" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, platform: "Windows 32-bit" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, platform: "windows linux" } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, platform: 64 } }],
      ["POST", `${releasePath}/files`, { body: { ...newFile, contentType: "text/html\r\nX-Evil: 1" } }],
      ["POST", "/api/v1/releases/..%2F..%2Fadmin/files", { body: newFile }],
      ["POST", `${filePath}/parts`, { body: { partNumbers: [] } }],
      ["POST", `${filePath}/parts`, { body: { partNumbers: [0] } }],
      ["POST", `${filePath}/parts`, { body: { partNumbers: [10_001] } }],
      ["POST", `${filePath}/parts`, { body: { partNumbers: ["1"] } }],
      ["POST", `${filePath}/parts`, { body: { partNumbers: Array.from({ length: 101 }, (_, i) => i + 1) } }],
      ["PUT", `${filePath}/parts/0`, { body: { etag: '"abc"', size: 10 } }],
      ["PUT", `${filePath}/parts/-1`, { body: { etag: '"abc"', size: 10 } }],
      ["PUT", `${filePath}/parts/abc`, { body: { etag: '"abc"', size: 10 } }],
      ["PUT", `${filePath}/parts/1`, { body: { etag: "", size: 10 } }],
      ["PUT", `${filePath}/parts/1`, { body: { etag: "x".repeat(5000), size: 10 } }],
      ["PUT", `${filePath}/parts/1`, { body: { etag: '"abc"', size: -10 } }],
      ["PUT", `${filePath}/parts/1`, { body: { etag: '"abc"', size: Number.MAX_SAFE_INTEGER } }],
      ["POST", "/api/v1/presign", { body: { ...share, expiresIn: 0 } }],
      ["POST", "/api/v1/presign", { body: { ...share, expiresIn: 604_801 } }],
      ["POST", "/api/v1/presign", { body: { ...share, expiresIn: "3600" } }],
      ["POST", "/api/v1/presign", { body: { ...share, filename: "../tool.zip" } }],
      ["GET", `/api/v1/products/${product.slug}/releases/..%2F..`, {}],
    ];
    const before = await publishingRowCounts();
    for (const [method, path, input] of cases) {
      const response = await api(method, path, { token, ...input });
      const where = `${method} ${path} ${input.rawBody ?? JSON.stringify(input.body)?.slice(0, 80)}`;
      expect(response.status, where).toBe(400);
      expect(response.json, where).toMatchObject({
        error: "invalid_input",
        message: expect.stringMatching(/\w/),
      });
      expect(response.json.message.length, where).toBeLessThan(500);
    }
    expect(await publishingRowCounts()).toEqual(before);
  });
});

describe("publishing API platforms", () => {
  it("reads every spelling of a platform as one value: one upload, listed under the one name", async () => {
    const product = await createBareProduct();
    const release = await api("POST", "/api/v1/releases", {
      token,
      body: { product: product.slug, version: "1.0.0" },
    });
    const start = (platform: unknown) =>
      api("POST", `/api/v1/releases/${release.json.id}/files`, {
        token,
        body: { platform, filename: "Tool Setup.exe", sizeBytes: 10 * MIB },
      });
    const first = await start("win");
    expect(first.status).toBe(200);
    for (const spelling of ["Windows", "windows", "WINDOWS", "windows_universal", "win32"]) {
      const again = await start(spelling);
      expect(again.status, spelling).toBe(200);
      expect(again.json.fileId, `${spelling} resumes the same upload`).toBe(first.json.fileId);
    }
    const arm = await start("Windows ARM64");
    expect(arm.json.fileId).not.toBe(first.json.fileId);
    const listed = await api("GET", `/api/v1/products/${product.slug}/releases/1.0.0`, { token });
    expect(listed.json.files.map((file: { platform: string }) => file.platform).sort()).toEqual([
      "windows_arm64",
      "windows_universal",
    ]);

    const refused = await start("FreeBSD");
    expect(refused.status).toBe(400);
    expect(refused.json.message).toContain(
      'platform: "FreeBSD" is not a platform; use one of windows_x64, windows_arm64, windows_universal, macos_x64, macos_arm64, macos_universal, linux_x64, linux_arm64, linux_universal (or a name such as Windows, macOS arm64, linux-x64)',
    );
  });
});

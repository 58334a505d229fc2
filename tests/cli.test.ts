import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer } from "./support/api-server";
import { createUser, prisma } from "./support/fixtures";
import { api, createBareProduct, newToken, sha256 } from "./support/publishing";

const MIB = 1024 * 1024;
const root = path.resolve(import.meta.dirname, "..");
let server: Awaited<ReturnType<typeof startApiServer>>;
let token: string;
let scratch: string;

beforeAll(async () => {
  server = await startApiServer();
  token = (await newToken("cli test")).secret;
  scratch = await mkdtemp(path.join(tmpdir(), "downlink-cli-"));
});
afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
  await prisma.$disconnect();
});

// The CLI as an operator runs it, with nothing of the app's environment: only where the app
// is and the token. Asynchronous, because the API it calls is served by this process.
function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn("npx", ["tsx", "scripts/downlink-cli.ts", ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: process.env.NODE_ENV,
      DOWNLINK_URL: server.url,
      DOWNLINK_TOKEN: token,
      ...env,
    },
  });
  let [stdout, stderr] = ["", ""];
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

async function buildFile(name: string, size: number) {
  const bytes = randomBytes(size);
  const file = path.join(scratch, name);
  await writeFile(file, bytes);
  return { file, bytes };
}

describe("downlink CLI", () => {
  it(
    "uploads a 20 MiB build in parts, publishes it and prints a link that downloads the same bytes",
    { timeout: 120_000 },
    async () => {
      const product = await createBareProduct();
      const { file, bytes } = await buildFile("tool-1.0.0-linux-x64.tar.gz", 20 * MIB);

      const upload = await cli([
        "upload",
        file,
        "--product",
        product.slug,
        "--version",
        "1.0.0",
        "--notes",
        "First release",
      ]);
      expect(upload.stderr).toMatch(/100%/);
      expect(upload.code, upload.stderr).toBe(0);
      expect(upload.stdout).toContain(`sha256  ${sha256(bytes)}`);
      expect(upload.stdout).toContain(`size    ${bytes.length}`);
      // Sizes as everywhere else (lib/format.ts): 20 MiB is 21.0 MB.
      expect(upload.stderr).toContain("21.0 MB/21.0 MB");
      const throughput = /uploaded 21\.0 MB in .* \(([\d.]+ [kMG]?B\/s)\)/.exec(upload.stderr);
      expect(throughput, upload.stderr).not.toBeNull();
      console.log(`CLI upload of 21.0 MB: ${throughput![1]}`);
      const release = await prisma.release.findFirstOrThrow({
        where: { productId: product.id },
        include: { files: { include: { upload: true } } },
      });
      expect(release).toMatchObject({
        status: "draft",
        notes: "First release",
        files: [{ platform: "linux_x64", status: "ready", upload: { partCount: 3 } }],
      });

      const publish = await cli(["publish", product.slug, "1.0.0"]);
      expect(publish).toMatchObject({ code: 0, stdout: `${product.slug} 1.0.0 is published\n` });

      const presign = await cli(["presign", `${product.slug}/1.0.0/tool-1.0.0-linux-x64.tar.gz`]);
      expect(presign.code, presign.stderr).toBe(0);
      expect(presign.stdout.trim().split("\n")).toHaveLength(1);
      const download = await fetch(presign.stdout.trim());
      expect(download.status).toBe(200);
      expect(sha256(new Uint8Array(await download.arrayBuffer()))).toBe(sha256(bytes));

      const again = await cli(["upload", file, "--product", product.slug, "--version", "1.0.0"]);
      expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining("already published") });
    },
  );

  it("resumes an upload that stopped after its first part", { timeout: 120_000 }, async () => {
    const product = await createBareProduct();
    const { file, bytes } = await buildFile("Tool Setup 2.0.exe", 17 * MIB);
    const release = await api("POST", "/api/v1/releases", {
      token,
      body: { product: product.slug, version: "2.0.0", channel: "beta" },
    });
    const started = await api("POST", `/api/v1/releases/${release.json.id}/files`, {
      token,
      body: { platform: "Windows", filename: "Tool Setup 2.0.exe", sizeBytes: bytes.length },
    });
    const [part] = (
      await api("POST", `/api/v1/files/${started.json.fileId}/parts`, { token, body: { partNumbers: [1] } })
    ).json.parts;
    const put = await fetch(part.url, {
      method: "PUT",
      body: new Uint8Array(bytes.subarray(0, started.json.partSize)),
    });
    await api("PUT", `/api/v1/files/${started.json.fileId}/parts/1`, {
      token,
      body: { etag: put.headers.get("etag"), size: started.json.partSize },
    });

    const upload = await cli([
      "upload",
      file,
      "--product",
      product.slug,
      "--version",
      "2.0.0",
      "--channel",
      "beta",
    ]);
    expect(upload.code, upload.stderr).toBe(0);
    expect(upload.stderr).toContain(`resuming: 1 of ${started.json.partCount} parts already stored`);
    expect(upload.stdout).toContain(`file    ${started.json.fileId}`);
    expect(upload.stdout).toContain(`sha256  ${sha256(bytes)}`);
  });

  it(
    "reads --platform as the API does, guesses it from the file name, and stops at one off the list",
    { timeout: 90_000 },
    async () => {
      const product = await createBareProduct();
      const upload = async (name: string, ...platform: string[]) =>
        cli([
          "upload",
          (await buildFile(name, 1000)).file,
          "--product",
          product.slug,
          "--version",
          "0.3.0",
          ...platform,
        ]);
      for (const [name, platform] of [
        ["app.zip", ["--platform", "win"]],
        ["app-apple.zip", ["--platform", "macOS (Apple Silicon)"]],
        ["tool-0.3.0-darwin-arm64.tar.gz", []],
        ["Tool Setup 0.3.0.msi", []],
      ] as const)
        expect((await upload(name, ...platform)).code, name).toBe(0);
      const files = await prisma.releaseFile.findMany({ where: { release: { productId: product.id } } });
      expect(files.map((file) => [file.filename, file.platform]).sort()).toEqual([
        ["Tool Setup 0.3.0.msi", "windows_universal"],
        ["app-apple.zip", "macos_arm64"],
        ["app.zip", "windows_universal"],
        ["tool-0.3.0-darwin-arm64.tar.gz", "macos_arm64"],
      ]);

      const refused = await upload("other.zip", "--platform", "FreeBSD");
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('--platform "FreeBSD" is not a platform; use one of windows_x64,');
      expect(refused.stderr).toContain("linux_universal");
      const unknown = await upload("notes.txt");
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("Cannot tell the platform from the file name");
      expect(await prisma.releaseFile.count({ where: { release: { productId: product.id } } })).toBe(4);
    },
  );

  it("prints links that die after --expires-in", { timeout: 60_000 }, async () => {
    const product = await createBareProduct();
    const { file } = await buildFile("notes.pdf", 1000);
    expect(
      (await cli(["upload", file, "--product", product.slug, "--version", "0.1.0", "--platform", "linux"]))
        .code,
    ).toBe(0);
    const presign = await cli(["presign", `${product.slug}/0.1.0/notes.pdf`, "--expires-in", "1"]);
    expect(presign.code, presign.stderr).toBe(0);
    const url = new URL(presign.stdout.trim());
    expect(url.searchParams.get("X-Amz-Expires")).toBe("1");
    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect((await fetch(url)).status).toBe(403);
  });

  it(
    "attaches a file to one customer with a customer-files token, and to nobody else",
    { timeout: 120_000 },
    async () => {
      const filesToken = (await newToken("invoices", "customer-files")).secret;
      const customer = await createUser();
      const { file, bytes } = await buildFile("invoice-2026-11.pdf", 9 * MIB);

      const attach = await cli(
        [
          "attach",
          file,
          "--customer",
          customer.email.toUpperCase(),
          "--title",
          "Invoice 2026-11",
          "--note",
          "Paid by card",
        ],
        { DOWNLINK_TOKEN: filesToken },
      );
      expect(attach.code, attach.stderr).toBe(0);
      expect(attach.stdout).toContain(`sha256  ${sha256(bytes)}`);
      expect(attach.stderr).toContain(`for ${customer.email.toUpperCase()}`);
      const rows = await prisma.customerFile.findMany({ where: { userId: customer.id } });
      expect(rows).toMatchObject([
        {
          title: "Invoice 2026-11",
          note: "Paid by card",
          filename: "invoice-2026-11.pdf",
          status: "ready",
          sha256: sha256(bytes),
          createdById: null,
        },
      ]);

      // A publishing token may not attach; an address nobody signed in or bought with gets nothing.
      const withPublishToken = await cli(["attach", file, "--customer", customer.email, "--title", "x"]);
      expect(withPublishToken).toMatchObject({
        code: 1,
        stderr: "error: This API token may not attach files to customers.\n",
      });
      const stranger = await cli(["attach", file, "--customer", "nobody-here@example.com", "--title", "x"], {
        DOWNLINK_TOKEN: filesToken,
      });
      expect(stranger).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("No customer has the address nobody-here@example.com"),
      });
      // And a customer-files token cannot publish.
      expect(await cli(["publish", "a", "1.0.0"], { DOWNLINK_TOKEN: filesToken })).toMatchObject({
        code: 1,
        stderr: "error: This API token may not publish releases.\n",
      });
      expect(await prisma.customerFile.count({ where: { userId: customer.id } })).toBe(1);
    },
  );

  it(
    "exits 2 on usage errors and 1 with the server's message on API errors",
    { timeout: 60_000 },
    async () => {
      const help = await cli(["--help"]);
      expect(help).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage: downlink") });
      expect(await cli([])).toMatchObject({ code: 2 });
      expect(await cli(["deploy"])).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('Unknown command "deploy"'),
      });
      expect(await cli(["presign", "only-a-slug"], {})).toMatchObject({ code: 2 });
      expect(await cli(["presign", "a/1.0.0/b.zip", "--expires-in", "604801"])).toMatchObject({ code: 2 });
      expect(await cli(["upload", "missing.bin"])).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("--platform"),
      });
      expect(await cli(["publish", "a", "1.0.0"], { DOWNLINK_TOKEN: "" })).toMatchObject({
        code: 2,
        stderr: expect.stringContaining("DOWNLINK_TOKEN"),
      });

      const revoked = await cli(["publish", "a", "1.0.0"], {
        DOWNLINK_TOKEN: `dl_${randomBytes(32).toString("base64url")}`,
      });
      expect(revoked).toMatchObject({ code: 1, stderr: "error: Unknown API token.\n" });
      const product = await createBareProduct();
      expect(await cli(["publish", product.slug, "9.9.9"])).toMatchObject({
        code: 1,
        stderr: `error: ${product.slug} has no release 9.9.9.\n`,
      });
      expect(await cli(["publish", "a", "1.0.0"], { DOWNLINK_URL: "http://127.0.0.1:9" })).toMatchObject({
        code: 1,
        stderr: expect.stringContaining("Cannot reach"),
      });
    },
  );
});

import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { Browser, Page } from "@playwright/test";
import { parseEnv } from "../lib/env-schema";
import { createS3Client } from "../lib/storage/client";
import { expect, test } from "./fixtures";
import { AdminPages } from "./pages/admin-pages";
import { messagesTo, waitForMessage } from "./mailbox";
import { LibraryPage } from "./pages/library-page";
import { SignInPage } from "./pages/sign-in-page";
import { cookieHeader, fetchLink } from "./stable-links";
import { testDb } from "./support/db";
import { reportScreenshot } from "./support/report-screenshot";

const config = parseEnv(process.env);
const adminEmail = config.ADMIN_EMAILS[0];
const s3 = createS3Client(config);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

// One customer gets a custom build from the admin; another customer has a file of their own.
const tag = randomBytes(4).toString("hex");
const owner = { email: `dana-${tag}@example.com`, id: "" };
const other = { email: `lee-${tag}@example.com`, id: "", fileId: "" };
const build = {
  title: "Custom build with your SSO patch",
  note: "Replaces 3.0 on every seat; keep your existing licence file.",
  filename: `Studio 3.0.1 Acme-${tag}.zip`,
  bytes: randomBytes(384 * 1024),
  path: "",
  fileId: "",
};
// Attached in the same go as the build: the uploader takes several files at once.
const licence = {
  title: "Licence file for 40 seats",
  filename: `acme-${tag}.lic`,
  bytes: randomBytes(2500),
  path: "",
  fileId: "",
};

async function signedIn(browser: Browser, email: string, callbackPath = "/library") {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new SignInPage(page).signIn(email, callbackPath);
  return page;
}

async function expectNoSeriousA11yViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const blocking = violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(
    blocking.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join("; ")}`,
    ),
  ).toEqual([]);
}

const stableLink = () => `/download/file/${build.fileId}`;

test.describe.serial("a file an admin attaches to one customer", () => {
  test.beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "downlink-customer-file-"));
    for (const file of [build, licence]) {
      file.path = path.join(dir, file.filename);
      writeFileSync(file.path, file.bytes);
    }
    const db = testDb();
    try {
      owner.id = (await db.user.create({ data: { email: owner.email } })).id;
      other.id = (await db.user.create({ data: { email: other.email } })).id;
      const body = Buffer.from(`Invoice for ${other.email}\n`);
      const objectKey = `customers/${other.id}/${tag}/invoice-${tag}.pdf`;
      await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey, Body: body }));
      const file = await db.customerFile.create({
        data: {
          userId: other.id,
          title: "Invoice",
          filename: `invoice-${tag}.pdf`,
          objectKey,
          sizeBytes: BigInt(body.length),
          sha256: sha256(body),
          status: "ready",
        },
      });
      other.fileId = file.id;
    } finally {
      await db.$disconnect();
    }
  });

  test("the admin uploads two files in one go through the browser straight to the bucket", async ({
    page,
  }) => {
    await new SignInPage(page).signIn(adminEmail, `/admin/customers/${owner.id}`);
    await expect(page.getByRole("heading", { name: owner.email })).toBeVisible();
    await expect(page.getByTestId("customer-files")).toHaveText("No files yet.");

    const admin = new AdminPages(page);
    const checksums = await admin.attachCustomerFiles([
      { path: build.path, title: build.title, note: build.note },
      { path: licence.path, title: licence.title },
    ]);
    expect(checksums).toEqual([sha256(build.bytes), sha256(licence.bytes)]);
    await expect(admin.uploadRow(build.filename)).toContainText("393 kB");
    const rows = page.getByTestId("customer-files").locator("li[data-file-id]");
    await expect(rows).toHaveCount(2);
    const row = rows.filter({ hasText: build.filename });
    await expect(row).toContainText(build.title);
    await expect(row).toContainText(build.filename);
    await expect(row).toContainText(build.note);
    await expect(row).toContainText(`sha256:${sha256(build.bytes).slice(0, 12)}`);
    await expect(row).toContainText("0 downloads");
    await expect(row.getByRole("button", { name: `Remove ${build.filename}` })).toBeVisible();
    const licenceRow = rows.filter({ hasText: licence.filename });
    await expect(licenceRow).toContainText(licence.title);
    await expect(licenceRow).toContainText("2.5 kB");
    build.fileId = (await row.getAttribute("data-file-id"))!;
    licence.fileId = (await licenceRow.getAttribute("data-file-id"))!;
    await reportScreenshot(page, "admin-customer-files");
    await expectNoSeriousA11yViolations(page);

    // What the uploads left behind: ready rows of this customer's, and the whole objects in the bucket.
    const db = testDb();
    try {
      for (const file of [build, licence]) {
        const stored = await db.customerFile.findUniqueOrThrow({ where: { id: file.fileId } });
        expect(stored).toMatchObject({
          userId: owner.id,
          title: file.title,
          note: file === build ? build.note : "",
          status: "ready",
          sha256: sha256(file.bytes),
          removedAt: null,
        });
        expect(stored.sizeBytes).toBe(BigInt(file.bytes.length));
        const key = stored.objectKey;
        const head = await s3.send(new HeadObjectCommand({ Bucket: config.S3_BUCKET, Key: key }));
        expect(head.ContentLength).toBe(file.bytes.length);
      }
    } finally {
      await db.$disconnect();
    }
  });

  test("the customer finds both under Made for you and downloads the same bytes", async ({ page }) => {
    await new SignInPage(page).signIn(owner.email);
    const library = new LibraryPage(page);
    await library.open();
    const section = page.getByTestId("library-customer-files");
    await expect(section.getByRole("heading", { name: "Made for you" })).toBeVisible();
    const row = section.locator(`li[data-file-id="${build.fileId}"]`);
    await expect(row).toContainText(build.title);
    await expect(row).toContainText(build.note);
    await expect(row).toContainText(build.filename);
    await expect(row).toContainText("393 kB");
    await expect(section.locator("li[data-file-id]")).toHaveCount(2);
    await expect(section.locator(`li[data-file-id="${licence.fileId}"]`)).toContainText(licence.title);
    await reportScreenshot(page, "library-customer-files");
    await expectNoSeriousA11yViolations(page);

    const download = await library.download(build.filename);
    expect(download.suggestedFilename()).toBe(build.filename);
    expect(readFileSync((await download.path())!).equals(build.bytes)).toBe(true);
    const second = await library.download(licence.filename);
    expect(readFileSync((await second.path())!).equals(licence.bytes)).toBe(true);
    await page.goto("/account");
    await expect(page.getByTestId("download-history")).toContainText(build.filename);
  });

  test("nobody else sees it or gets a link to it; its owner's stable link re-signs", async ({
    page,
    context,
    browser,
    baseURL,
  }) => {
    await new SignInPage(page).signIn(other.email);
    const section = page.getByTestId("library-customer-files");
    await expect(section.locator("li[data-file-id]")).toHaveCount(1);
    await expect(section.locator(`li[data-file-id="${other.fileId}"]`)).toContainText("Invoice");
    await expect(page.locator(`[data-file-id="${build.fileId}"]`)).toHaveCount(0);
    await expect(page.getByText(build.title)).toHaveCount(0);

    const otherCookie = await cookieHeader(context);
    const refused = await fetchLink(baseURL!, stableLink(), { cookie: otherCookie });
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain(build.filename);
    expect((await fetchLink(baseURL!, stableLink(), { accept: "*/*" })).status).toBe(401);
    const visitor = await fetchLink(baseURL!, stableLink(), { accept: "text/html" });
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get("location")).toBe(`/signin?callbackUrl=${encodeURIComponent(stableLink())}`);

    const ownerPage = await signedIn(browser, owner.email);
    const granted = await fetchLink(baseURL!, stableLink(), {
      cookie: await cookieHeader(ownerPage.context()),
    });
    expect(granted.status).toBe(303);
    expect(granted.headers.get("cache-control")).toBe("no-store");
    const presigned = new URL(granted.headers.get("location")!);
    expect(presigned.pathname).toContain(`/customers/${owner.id}/`);
    expect(presigned.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
    const object = await fetch(presigned);
    expect(object.status).toBe(200);
    expect(Buffer.from(await object.arrayBuffer()).equals(build.bytes)).toBe(true);
    await ownerPage.context().close();

    // The refusal is on record as an unknown file, exactly as for an id that does not exist.
    const db = testDb();
    try {
      const denial = await db.downloadEvent.findFirst({ where: { userId: other.id, outcome: "denied" } });
      expect(denial).toMatchObject({ reason: "not_in_library", fileId: null, customerFileId: null });
    } finally {
      await db.$disconnect();
    }
  });

  test("the admin removes one: gone from the library, the link and the bucket; the other stays", async ({
    page,
    browser,
    baseURL,
  }) => {
    await new SignInPage(page).signIn(adminEmail, `/admin/customers/${owner.id}`);
    const row = page.getByTestId("customer-files").locator(`li[data-file-id="${build.fileId}"]`);
    await expect(row).toContainText("2 downloads"); // the library's button and the stable link
    await row.getByRole("button", { name: `Remove ${build.filename}` }).click();
    await expect(page.getByRole("dialog")).toContainText(`Removing ${build.filename} deletes it`);
    await new AdminPages(page).confirm("Remove the file");
    await expect(row).toContainText(/removed \w+ \d+, \d{4}/);
    await expect(row.getByRole("button", { name: `Remove ${build.filename}` })).toHaveCount(0);

    const db = testDb();
    try {
      const stored = await db.customerFile.findUniqueOrThrow({ where: { id: build.fileId } });
      expect(stored.removedAt).not.toBeNull();
      await expect(
        s3.send(new HeadObjectCommand({ Bucket: config.S3_BUCKET, Key: stored.objectKey })),
      ).rejects.toMatchObject({
        $metadata: { httpStatusCode: 404 },
      });
      // The customer's other file and the other customer's file are untouched.
      for (const id of [licence.fileId, other.fileId])
        expect(await db.customerFile.findUniqueOrThrow({ where: { id } })).toMatchObject({
          status: "ready",
          removedAt: null,
        });
    } finally {
      await db.$disconnect();
    }

    const ownerPage = await signedIn(browser, owner.email);
    await new LibraryPage(ownerPage).open();
    const section = ownerPage.getByTestId("library-customer-files");
    await expect(section.locator("li[data-file-id]")).toHaveCount(1);
    await expect(section.locator(`li[data-file-id="${licence.fileId}"]`)).toContainText(licence.title);
    await expect(ownerPage.getByRole("button", { name: `Download ${build.filename}` })).toHaveCount(0);
    expect(
      (await fetchLink(baseURL!, stableLink(), { cookie: await cookieHeader(ownerPage.context()) })).status,
    ).toBe(404);
    await ownerPage.context().close();
  });

  test("a file whose email never went out is emailed from the admin page, once", async ({ page }) => {
    await new SignInPage(page).signIn(adminEmail, `/admin/customers/${other.id}`);
    const row = page.getByTestId("customer-files").locator(`li[data-file-id="${other.fileId}"]`);
    await expect(row).toContainText("not emailed");
    const send = row.getByRole("button", { name: `Email the customer about invoice-${tag}.pdf` });
    await send.click();
    await expect(row).toContainText("customer emailed");
    await expect(send).toHaveCount(0);
    const mail = await waitForMessage(
      other.email,
      (message) => message.subject === "A file for you: Invoice",
    );
    expect(mail.text).toContain("/library");
    // Sign-in links went to this address too; of file notices, exactly one.
    expect(
      (await messagesTo(other.email)).filter((message) => message.subject.startsWith("A file for you")),
    ).toHaveLength(1);
  });
});

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
    build.path = path.join(mkdtempSync(path.join(tmpdir(), "downlink-customer-file-")), build.filename);
    writeFileSync(build.path, build.bytes);
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

  test("the admin uploads it through the browser straight to the bucket", async ({ page }) => {
    await new SignInPage(page).signIn(adminEmail, `/admin/customers/${owner.id}`);
    await expect(page.getByRole("heading", { name: owner.email })).toBeVisible();
    await expect(page.getByTestId("customer-files")).toHaveText("No files yet.");

    const admin = new AdminPages(page);
    expect(await admin.attachCustomerFile(build.title, build.path, build.note)).toBe(sha256(build.bytes));
    await expect(admin.uploader().getByRole("status")).toContainText(`Uploaded ${build.filename} (393 kB)`);
    const row = page.getByTestId("customer-files").locator("li[data-file-id]");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(build.title);
    await expect(row).toContainText(build.filename);
    await expect(row).toContainText(build.note);
    await expect(row).toContainText(`sha256:${sha256(build.bytes).slice(0, 12)}`);
    await expect(row).toContainText("0 downloads");
    await expect(row.getByRole("button", { name: `Remove ${build.filename}` })).toBeVisible();
    build.fileId = (await row.getAttribute("data-file-id"))!;
    await reportScreenshot(page, "admin-customer-files");
    await expectNoSeriousA11yViolations(page);

    // What the upload left behind: a ready row of this customer's, and the whole object in the bucket.
    const db = testDb();
    try {
      const stored = await db.customerFile.findUniqueOrThrow({ where: { id: build.fileId } });
      expect(stored).toMatchObject({
        userId: owner.id,
        title: build.title,
        note: build.note,
        status: "ready",
        sha256: sha256(build.bytes),
        removedAt: null,
      });
      expect(stored.sizeBytes).toBe(BigInt(build.bytes.length));
      const head = await s3.send(new HeadObjectCommand({ Bucket: config.S3_BUCKET, Key: stored.objectKey }));
      expect(head.ContentLength).toBe(build.bytes.length);
    } finally {
      await db.$disconnect();
    }
  });

  test("the customer finds it under Made for you and downloads the same bytes", async ({ page }) => {
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
    await reportScreenshot(page, "library-customer-files");
    await expectNoSeriousA11yViolations(page);

    const download = await library.download(build.filename);
    expect(download.suggestedFilename()).toBe(build.filename);
    expect(readFileSync((await download.path())!).equals(build.bytes)).toBe(true);
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

  test("the admin removes it: gone from the library, the link and the bucket", async ({
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
      // The other customer's file is untouched.
      expect(await db.customerFile.findUniqueOrThrow({ where: { id: other.fileId } })).toMatchObject({
        status: "ready",
        removedAt: null,
      });
    } finally {
      await db.$disconnect();
    }

    const ownerPage = await signedIn(browser, owner.email);
    await new LibraryPage(ownerPage).open();
    await expect(ownerPage.getByText("Nothing here yet")).toBeVisible();
    await expect(ownerPage.getByTestId("library-customer-files")).toHaveCount(0);
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

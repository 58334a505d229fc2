// The store's own face: settings saved by an admin (name, logo, links) reach the pages' data, the
// public image route and every email's sender; the catalogue says what a buyer can download.
import { readFileSync } from "node:fs";
import path from "node:path";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as mediaRoute } from "../app/media/[owner]/[file]/route";
import { saveStoreSettingsAction } from "../lib/actions/admin/settings";
import { getCurrentUser } from "../lib/auth/session";
import { getProductPage, listCatalog } from "../lib/dal/catalog";
import { countReleaseEmailRecipients } from "../lib/dal/release-notifications";
import { getStoreSettings } from "../lib/dal/store-settings";
import { storeBrand } from "../lib/mail/store-brand";
import { contrastWithWhite } from "../lib/schemas/store-settings";
import type { Platform } from "../lib/platforms";
import { keepStoreSettings } from "./support/store-settings";
import { config, createProductWithFile, createUser, grant, prisma, s3, unique } from "./support/fixtures";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.31" }) }));

const png = readFileSync(path.resolve(import.meta.dirname, "../public/icon-192.png"));
const admin = { id: "admin-id", email: "admin@example.com", isAdmin: true };

// Settings are one row the whole suite shares: put it (and its logo) back as it was.
let restoreStoreSettings: () => Promise<void>;
beforeAll(async () => {
  restoreStoreSettings = await keepStoreSettings();
  vi.mocked(getCurrentUser).mockResolvedValue(admin);
});
afterAll(async () => {
  await restoreStoreSettings();
  await prisma.$disconnect();
});

function settingsForm(fields: Record<string, string | File>) {
  const form = new FormData();
  const defaults = { name: "Acme Tools", accentColor: "#4f46e5", supportEmail: "help@acme.example" };
  for (const [key, value] of Object.entries({ ...defaults, ...fields })) form.set(key, value);
  return form;
}
const save = (fields: Record<string, string | File> = {}) =>
  saveStoreSettingsAction({ status: "idle" }, settingsForm(fields));
const image = (bytes: Uint8Array, name = "logo.png") =>
  new File([new Uint8Array(bytes)], name, { type: "image/png" });
const fetchMedia = (url: string) => {
  const [, , owner, file] = url.split("/");
  return mediaRoute(new Request(`http://localhost${url}`), { params: Promise.resolve({ owner, file }) });
};
const exists = (key: string) =>
  s3.send(new HeadObjectCommand({ Bucket: config.S3_BUCKET, Key: key })).then(
    () => true,
    () => false,
  );

describe("store settings", () => {
  it("are saved by an admin, read back in one shape, and name the sender of every email", async () => {
    expect(await save({ termsUrl: "https://acme.example/terms", refundUrl: "/refunds" })).toEqual({
      status: "success",
      data: null,
    });
    const settings = await getStoreSettings();
    expect(settings).toMatchObject({
      name: "Acme Tools",
      supportEmail: "help@acme.example",
      links: { terms: "https://acme.example/terms", privacy: null, refund: "/refunds" },
    });
    const { sender: branding } = await storeBrand();
    expect(branding.from.name).toBe("Acme Tools");
    expect(branding.replyTo).toBe("help@acme.example");
    const audit = await prisma.auditLog.findFirst({
      where: { action: "settings.update" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({ actorEmail: admin.email, targetType: "StoreSettings" });
  });

  it("refuse what cannot be shown, and a refused save changes nothing", async () => {
    await save({ name: "Before" });
    const before = await prisma.storeSettings.findUniqueOrThrow({ where: { id: 1 } });
    for (const [fields, message] of [
      [{ name: "" }, /name/],
      [{ accentColor: "#fde68a" }, /too light/],
      [{ accentColor: "red" }, /#4f46e5/],
      [{ supportEmail: "a@b" }, /supportEmail/],
      [{ termsUrl: "javascript:alert(1)" }, /termsUrl/],
      [{ privacyUrl: "//evil.example" }, /privacyUrl/],
      [{ logo: image(Buffer.from("<svg onload=alert(1)>"), "logo.svg") }, /PNG, JPEG, GIF or WebP/],
      [{ logo: image(new Uint8Array(600 * 1024)) }, /512 KB/],
    ] as const) {
      const answer = await save({ name: "After", ...fields });
      expect(answer, JSON.stringify(fields).slice(0, 60)).toMatchObject({
        status: "error",
        code: "invalid_input",
      });
      expect(answer.status === "error" && answer.message).toMatch(message);
    }
    expect(await prisma.storeSettings.findUniqueOrThrow({ where: { id: 1 } })).toEqual(before);
    expect(contrastWithWhite("#4f46e5")).toBeGreaterThan(4.5);
  });

  it("serve the logo from the store's origin, cached for good, and stop serving a replaced one", async () => {
    await save({ logo: image(png) });
    const first = (await getStoreSettings()).logoUrl!;
    expect(first).toMatch(/^\/media\/store\/[0-9a-f]{16}\.png$/);
    const answer = await fetchMedia(first);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/png");
    expect(answer.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await answer.arrayBuffer()).equals(png)).toBe(true);

    await save({ logo: image(png) });
    const second = (await getStoreSettings()).logoUrl!;
    expect(second).not.toBe(first);
    expect((await fetchMedia(first)).status).toBe(404);
    expect(await exists(first.slice(1))).toBe(false);
    expect((await fetchMedia(second)).status).toBe(200);

    await save({ removeLogo: "on" });
    expect((await getStoreSettings()).logoUrl).toBeNull();
    expect((await fetchMedia(second)).status).toBe(404);
  });

  it("never let the image route read a build or a customer's file", async () => {
    const { file } = await createProductWithFile();
    for (const url of [
      `/media/${file.objectKey.split("/").slice(1, 3).join("/")}`,
      "/media/..%2Fproducts/x.png",
      "/media/store/0123456789abcdef.svg",
    ]) {
      expect((await fetchMedia(url)).status, url).toBe(404);
    }
  });
});

describe("the catalogue", () => {
  it("lists the platforms of every published release, not only the newest, and never a yanked one's", async () => {
    const { product } = await createProductWithFile(); // 1.0.0 for Linux
    const release = (version: string, platform: Platform, status: "published" | "yanked" | "draft") =>
      prisma.release.create({
        data: {
          productId: product.id,
          version,
          status,
          publishedAt: status === "draft" ? null : new Date(),
          files: {
            create: {
              platform,
              filename: `${unique("f")}.bin`,
              objectKey: `products/${product.slug}/${version}/${unique("k")}/f.bin`,
              sizeBytes: 1n,
              status: "ready",
            },
          },
        },
      });
    await release("1.1.0", "macos_universal", "published");
    await release("1.2.0", "linux_arm64", "yanked");
    await release("1.3.0", "windows_x64", "draft");
    const page = await getProductPage(product.slug);
    expect(page?.latest?.version).toBe("1.1.0");
    expect(page?.platforms).toEqual(["macOS", "Linux"]); // in the platform list's order
    const card = (await listCatalog()).find((item) => item.id === product.id);
    expect(card?.platforms).toEqual(["macOS", "Linux"]);
  });

  it("counts the buyers a release's publication would email, once per address", async () => {
    const { product } = await createProductWithFile();
    const draft = await prisma.release.create({ data: { productId: product.id, version: "2.0.0" } });
    const buyers = await Promise.all([createUser(), createUser(), createUser()]);
    await grant(buyers[0].id, product.id);
    await grant(buyers[0].id, product.id); // bought twice: one email
    await grant(buyers[1].id, product.id);
    await grant(buyers[2].id, product.id, "revoked", "after a refund");
    expect(await countReleaseEmailRecipients(draft.id)).toBe(2);
  });
});

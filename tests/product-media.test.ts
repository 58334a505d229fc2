// A product's cover and screenshots: added by an admin through the actions, checked by their bytes,
// measured, stored under media/ and served by the media route; reordered, described and removed,
// taking their objects with them; shown by the catalogue and the share tags.
import { readFileSync } from "node:fs";
import path from "node:path";
import { HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as mediaRoute } from "../app/media/[owner]/[file]/route";
import {
  addProductImageAction,
  moveProductImageAction,
  removeProductImageAction,
  saveProductImageAltAction,
} from "../lib/actions/admin/product-media";
import { getCurrentUser } from "../lib/auth/session";
import { getProductPage, listCatalog } from "../lib/dal/catalog";
import { DEFAULT_STORE_SETTINGS } from "../lib/dal/store-settings";
import { shareMetadata } from "../lib/seo/share-metadata";
import { sweepUnusedMedia } from "../lib/storage/media-sweep";
import { mediaKey } from "../lib/storage/object-keys";
import { createBareProduct } from "./support/publishing";
import { config, prisma, s3 } from "./support/fixtures";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.41" }) }));

const admin = { id: "admin-id", email: "admin@example.com", isAdmin: true };
beforeAll(() => vi.mocked(getCurrentUser).mockResolvedValue(admin));
afterAll(() => prisma.$disconnect());

const sample = (name: string) => readFileSync(path.resolve(import.meta.dirname, "support/images", name));
const file = (name: string) => new File([new Uint8Array(sample(name))], name);
const form = (fields: Record<string, string | File>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const idle = { status: "idle" } as const;
const add = (productId: string, role: string, image: string, alt = "") =>
  addProductImageAction(idle, form({ productId, role, alt, image: file(image) }));
const move = (imageId: string, direction: string) =>
  moveProductImageAction(idle, form({ imageId, direction }));
const imagesOf = (productId: string) =>
  prisma.productImage.findMany({ where: { productId }, orderBy: [{ role: "asc" }, { position: "asc" }] });
const inBucket = (key: string) =>
  s3.send(new HeadObjectCommand({ Bucket: config.S3_BUCKET, Key: key })).then(
    () => true,
    () => false,
  );
const fetchMedia = (key: string) => {
  const [, owner, name] = key.split("/");
  return mediaRoute(new Request(`http://localhost/${key}`), {
    params: Promise.resolve({ owner, file: name }),
  });
};
const ok = { status: "success" };

describe("product media", () => {
  it("adds a measured cover and screenshots, serves them, and shows them on the card and the page", async () => {
    const product = await createBareProduct();
    expect(await add(product.id, "cover", "64x40.png")).toMatchObject(ok);
    expect(await add(product.id, "screenshot", "64x40-lossy.webp", "The editor")).toMatchObject(ok);
    expect(await add(product.id, "screenshot", "64x40.avif", "The export dialog")).toMatchObject(ok);
    const [cover, first, second] = await imagesOf(product.id);
    expect(cover).toMatchObject({ role: "cover", position: 0, width: 64, height: 40, alt: "" });
    expect(cover.objectKey).toMatch(/^media\/products\/[0-9a-f]{16}\.png$/);
    expect([first, second].map((image) => [image.alt, image.position])).toEqual([
      ["The editor", 1],
      ["The export dialog", 2],
    ]);
    expect(second.objectKey).toMatch(/\.avif$/);

    const served = await fetchMedia(second.objectKey);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/avif");
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await served.arrayBuffer()).equals(sample("64x40.avif"))).toBe(true);

    const page = await getProductPage(product.slug);
    // A cover without alt text is described by the product's name.
    expect(page?.cover).toMatchObject({
      url: `/${cover.objectKey}`,
      alt: product.name,
      width: 64,
      height: 40,
    });
    expect(page?.screenshots.map((image) => image.alt)).toEqual(["The editor", "The export dialog"]);
    const card = (await listCatalog()).find((entry) => entry.id === product.id);
    expect(card?.cover?.url).toBe(`/${cover.objectKey}`);

    const tags = shareMetadata(DEFAULT_STORE_SETTINGS, {
      title: product.name,
      description: "",
      image: page!.cover!,
    });
    expect(tags.openGraph?.images).toEqual([
      { url: `/${cover.objectKey}`, alt: product.name, width: 64, height: 40 },
    ]);
    expect(tags.twitter).toMatchObject({ card: "summary_large_image" });
  });

  it("reorders screenshots, keeps alt text required for them, and removes an image with its object", async () => {
    const product = await createBareProduct();
    for (const alt of ["one", "two", "three"]) await add(product.id, "screenshot", "64x40.png", alt);
    const [one, two, three] = await imagesOf(product.id);
    expect(await move(three.id, "earlier")).toMatchObject(ok);
    expect(await move(one.id, "later")).toMatchObject(ok);
    expect((await imagesOf(product.id)).map((image) => image.alt)).toEqual(["three", "one", "two"]);
    expect(await move(two.id, "later")).toMatchObject({ status: "error", code: "invalid_input" });

    expect(await saveProductImageAltAction(idle, form({ imageId: two.id, alt: "" }))).toMatchObject({
      status: "error",
      code: "invalid_input",
    });
    expect(await saveProductImageAltAction(idle, form({ imageId: two.id, alt: "Second" }))).toMatchObject(ok);

    expect(await removeProductImageAction(idle, form({ imageId: three.id }))).toMatchObject(ok);
    expect((await imagesOf(product.id)).map((image) => image.alt)).toEqual(["one", "Second"]);
    expect(await inBucket(three.objectKey)).toBe(false);
    expect((await fetchMedia(three.objectKey)).status).toBe(404);
  });

  it("replaces a cover, deleting the old one's object; two covers at once leave one cover and one object", async () => {
    const product = await createBareProduct();
    await add(product.id, "cover", "64x40.png");
    const [old] = await imagesOf(product.id);
    await add(product.id, "cover", "64x40.jpg", "A new cover");
    const [replaced] = await imagesOf(product.id);
    expect(replaced).toMatchObject({ role: "cover", alt: "A new cover" });
    expect(await inBucket(old.objectKey)).toBe(false);

    const raced = await Promise.all(
      ["64x40.png", "64x40.avif", "64x40-lossy.webp"].map((name) => add(product.id, "cover", name)),
    );
    expect(raced.every((answer) => answer.status === "success")).toBe(true);
    const covers = await imagesOf(product.id);
    expect(covers).toHaveLength(1);
    const objects = await Promise.all([replaced, ...covers].map((image) => inBucket(image.objectKey)));
    expect(objects).toEqual([false, true]);
  });

  it("numbers screenshots added at once one after another", async () => {
    const product = await createBareProduct();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) => add(product.id, "screenshot", "64x40.png", `shot ${index}`)),
    );
    expect(answers.every((answer) => answer.status === "success")).toBe(true);
    expect((await imagesOf(product.id)).map((image) => image.position)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("sweeps the objects no row names: a product deleted by hand takes its images along", async () => {
    const product = await createBareProduct();
    await add(product.id, "cover", "64x40.png");
    await add(product.id, "screenshot", "64x40.png", "kept until the product goes");
    const keys = (await imagesOf(product.id)).map((image) => image.objectKey);
    const kept = await createBareProduct();
    await add(kept.id, "cover", "64x40.png");
    const [keptCover] = await imagesOf(kept.id);
    const stray = mediaKey({ owner: "products", extension: "png" });
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: stray, Body: sample("64x40.png") }));

    await prisma.product.delete({ where: { id: product.id } });
    expect(await prisma.productImage.count({ where: { objectKey: { in: keys } } })).toBe(0);
    expect(await sweepUnusedMedia(new Date(Date.now() + 1_000))).toBeGreaterThanOrEqual(3);
    expect(await Promise.all([...keys, stray].map(inBucket))).toEqual([false, false, false]);
    expect(await inBucket(keptCover.objectKey)).toBe(true);
  });
});

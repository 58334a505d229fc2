// The library pages what a customer owns: one page of products, each with its newest releases, and
// every version on the product's own library page, a page at a time. What a page reads is bounded
// by the page, never by how much the customer owns: the same round trips for 1 product as for 25.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCatalog, createCustomers } from "../bench/fixtures";
import {
  getLibrary,
  getLibraryProduct,
  LIBRARY_PAGE_SIZE,
  NEWEST_RELEASES_SHOWN,
  RELEASES_PAGE_SIZE,
} from "../lib/dal/library";
import { config, prisma, s3, unique } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";
import { countRoundTrips } from "./support/statements";

const PRODUCTS = 25;
const RELEASES = 25;
let wire: Awaited<ReturnType<typeof countRoundTrips>>;
let catalog: Awaited<ReturnType<typeof createCatalog>>;
let owners: { one: string; all: string; none: string };

beforeAll(async () => {
  wire = await countRoundTrips();
  const tag = unique("library");
  catalog = await createCatalog(prisma, s3, config, tag, PRODUCTS, RELEASES);
  const [one] = await createCustomers(prisma, `${tag}-one`, 1, [catalog[0].id]);
  const [all] = await createCustomers(
    prisma,
    `${tag}-all`,
    1,
    catalog.map((product) => product.id),
  );
  const [none] = await createCustomers(prisma, `${tag}-none`, 1, []);
  owners = { one: one.id, all: all.id, none: none.id };
});
afterAll(async () => {
  await wire.stop();
  await prisma.$disconnect();
});

const versions = (item: { releases: { version: string }[] }) => item.releases.map((r) => r.version);
const newest = (count: number, from = RELEASES - 1) =>
  Array.from({ length: count }, (_, i) => `1.${from - i}.0`);

describe("the library", () => {
  it("reads as much for 25 products as for one, and shows a page of them with their newest releases", async () => {
    const one = await wire.during(() => getLibrary(owners.one, {}));
    const all = await wire.during(() => getLibrary(owners.all, {}));
    const last = await wire.during(() => getLibrary(owners.all, { page: 99 }));
    const found = await wire.during(() => getLibrary(owners.all, { query: "PRODUCT 7" }));
    const product = await wire.during(() => getLibraryProduct(owners.all, catalog[3].slug, { page: 2 }));
    const notOwned = await wire.during(() => getLibraryProduct(owners.one, catalog[3].slug));
    const unknown = await wire.during(() => getLibraryProduct(owners.all, "no-such-product"));

    recordSecurityEvidence({
      section: "access-control",
      title: "What one library page reads",
      columns: ["page", "products owned", "products shown", "releases shown", "PostgreSQL round trips"],
      rows: [
        ["/library", 1, one.value.items.length, one.value.items[0].releases.length, one.roundTrips],
        [
          "/library",
          PRODUCTS,
          all.value.items.length,
          all.value.items.flatMap((i) => i.releases).length,
          all.roundTrips,
        ],
        ["/library?page=99 (the last page)", PRODUCTS, last.value.items.length, "—", last.roundTrips],
        ["/library?q=PRODUCT 7", PRODUCTS, found.value.items.length, "—", found.roundTrips],
        [
          `/library/<product> page 2 (${RELEASES} releases)`,
          PRODUCTS,
          1,
          product.value!.item.releases.length,
          product.roundTrips,
        ],
        ["/library/<a product not owned>", 1, 0, 0, notOwned.roundTrips],
      ],
      note: "Round trips counted on the wire. A product page of a product the customer does not own is not found, exactly like an unknown product.",
    });

    expect(all.roundTrips).toBe(one.roundTrips);
    expect(last.roundTrips).toBe(one.roundTrips);
    expect(all.value).toMatchObject({
      total: PRODUCTS,
      page: 1,
      pageCount: Math.ceil(PRODUCTS / LIBRARY_PAGE_SIZE),
    });
    expect(all.value.items.map((item) => item.slug)).toEqual(
      catalog.slice(0, LIBRARY_PAGE_SIZE).map((p) => p.slug),
    );
    for (const item of all.value.items) {
      // SemVer order: 1.24.0 is newer than 1.9.0.
      expect(versions(item)).toEqual(newest(NEWEST_RELEASES_SHOWN));
      expect(item.releaseCount).toBe(RELEASES);
      expect(item.releases[0]).toMatchObject({
        isLatest: true,
        locked: false,
        notes: expect.stringContaining("fixes"),
      });
      expect(item.releases[0].files).toHaveLength(1);
    }
    expect(last.value.page).toBe(last.value.pageCount);
    expect(last.value.items.map((item) => item.slug)).toEqual(
      catalog.slice((last.value.pageCount - 1) * LIBRARY_PAGE_SIZE).map((p) => p.slug),
    );
    expect(found.value.items.map((item) => item.slug)).toEqual([catalog[7].slug]);

    expect(product.value).toMatchObject({ page: 2, pageCount: Math.ceil(RELEASES / RELEASES_PAGE_SIZE) });
    expect(versions(product.value!.item)).toEqual(
      newest(RELEASES - RELEASES_PAGE_SIZE, RELEASES - RELEASES_PAGE_SIZE - 1),
    );
    expect(product.roundTrips).toBe(one.roundTrips);
    expect(notOwned.value).toBeNull();
    expect(unknown.value).toBeNull();
    expect((await getLibrary(owners.none, {})).items).toEqual([]);
  });
});

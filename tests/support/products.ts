// Products shaped for one kind of test, as real rows (and, for builds, real objects in the bucket).
import { randomBytes } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { config, prisma, s3, unique } from "./fixtures";

// A product sold in two tiers: Personal, and Team per seat (2 to 50 seats), both in `currency`.
// `teamMachines` is what one Team seat activates (null: no limit).
export async function createTieredProduct(
  options: { currency?: string; prices?: [number, number]; teamMachines?: number | null } = {},
) {
  const { currency = "usd", prices = [4900, 3900], teamMachines = 3 } = options;
  const slug = unique("tiered");
  return prisma.product.create({
    data: {
      slug,
      name: `Tiered ${slug}`,
      tiers: {
        create: [
          { name: "Personal", priceCents: prices[0], currency, machinesPerSeat: 3, position: 0 },
          {
            name: "Team",
            priceCents: prices[1],
            currency,
            machinesPerSeat: teamMachines,
            perSeat: true,
            minSeats: 2,
            maxSeats: 50,
            position: 1,
          },
        ],
      },
    },
    include: { tiers: { orderBy: { position: "asc" } } },
  });
}

// A product on sale with one published Linux build per release, each released `daysAgo` days ago
// and stored in the bucket; `files` maps each version to its build.
export async function createProductWithReleases(
  releases: [version: string, daysAgo: number][],
  options: { downloadLimit?: number | null; updateMonths?: number } = {},
) {
  const slug = unique("released");
  const product = await prisma.product.create({
    data: {
      slug,
      name: `Released ${slug}`,
      tiers: { create: { name: "Standard", priceCents: 1000, updateMonths: options.updateMonths } },
      downloadLimit: options.downloadLimit ?? null,
    },
  });
  const files: Record<string, { id: string; objectKey: string }> = {};
  for (const [version, daysAgo] of releases) {
    const filename = `${slug}-${version}.tar.gz`;
    const objectKey = `products/${slug}/${version}/${randomBytes(6).toString("hex")}/${filename}`;
    const body = `build ${version}`;
    await s3.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: objectKey, Body: body }));
    const release = await prisma.release.create({
      data: {
        productId: product.id,
        version,
        status: "published",
        publishedAt: new Date(Date.now() - daysAgo * 86_400_000),
        files: {
          create: {
            platform: "linux_universal",
            filename,
            objectKey,
            sizeBytes: BigInt(body.length),
            status: "ready",
          },
        },
      },
      include: { files: true },
    });
    files[version] = release.files[0];
  }
  return { ...product, files };
}

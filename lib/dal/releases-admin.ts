import "server-only";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";

// What publishers (admin pages, API, CLI) see of a release and its files.
const releaseSelect = {
  id: true,
  productId: true,
  version: true,
  channel: true,
  notes: true,
  status: true,
  yankReason: true,
  publishedAt: true,
  createdAt: true,
  product: { select: { slug: true } },
  files: {
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      platform: true,
      filename: true,
      sizeBytes: true,
      sha256: true,
      contentType: true,
      status: true,
    },
  },
} satisfies Prisma.ReleaseSelect;

type ReleaseRow = Prisma.ReleaseGetPayload<{ select: typeof releaseSelect }>;

function toRelease({ product, files, ...release }: ReleaseRow) {
  return {
    ...release,
    productSlug: product.slug,
    files: files.map((file) => ({ ...file, sizeBytes: Number(file.sizeBytes) })),
  };
}

export type PublisherRelease = ReturnType<typeof toRelease>;

export async function findProductSlug(productId: string): Promise<string | null> {
  const product = await db.product.findUnique({ where: { id: productId }, select: { slug: true } });
  return product?.slug ?? null;
}

export type NewRelease = { productId: string; version: string; channel: "stable" | "beta"; notes: string };

// null when the product already has this version (the unique index decides, also under races).
export async function insertRelease(release: NewRelease): Promise<PublisherRelease | null> {
  try {
    return toRelease(
      await db.release.create({ data: { ...release, status: "draft" }, select: releaseSelect }),
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  }
}

export async function findRelease(releaseId: string): Promise<PublisherRelease | null> {
  const release = await db.release.findUnique({ where: { id: releaseId }, select: releaseSelect });
  return release && toRelease(release);
}

export async function findReleaseBySlugAndVersion(
  productSlug: string,
  version: string,
): Promise<PublisherRelease | null> {
  const release = await db.release.findFirst({
    where: { version, product: { slug: productSlug } },
    select: releaseSelect,
  });
  return release && toRelease(release);
}

// The release a new upload goes into, with what its object key is built from.
export async function findReleaseForUpload(releaseId: string) {
  const release = await db.release.findUnique({
    where: { id: releaseId },
    select: { id: true, version: true, status: true, yankReason: true, product: { select: { slug: true } } },
  });
  return (
    release && {
      id: release.id,
      version: release.version,
      status: release.status,
      yankReason: release.yankReason,
      productSlug: release.product.slug,
    }
  );
}

export async function countOpenUploads(releaseId: string) {
  return db.upload.count({ where: { status: "uploading", file: { releaseId } } });
}

// Each transition applies only from the expected state, so concurrent requests cannot undo
// one another; false means the release was no longer in that state.
export async function markReleasePublished(releaseId: string): Promise<boolean> {
  const updated = await db.release.updateMany({
    where: {
      id: releaseId,
      status: "draft",
      AND: [
        { files: { some: { status: "ready" } } },
        { files: { none: { upload: { is: { status: "uploading" } } } } },
      ],
    },
    data: { status: "published", publishedAt: new Date() },
  });
  return updated.count > 0;
}

export async function markReleaseYanked(releaseId: string, reason: string): Promise<boolean> {
  const updated = await db.release.updateMany({
    where: { id: releaseId, status: { not: "yanked" } },
    data: { status: "yanked", yankReason: reason },
  });
  return updated.count > 0;
}

import "server-only";
import { db } from "../db";
import { insideUpdateWindow } from "../licensing/windows";
import { byPlatform, filesServing, platformsServing, type Platform } from "../platforms";
import { newestFirst } from "../semver";

export type FeedRelease = {
  version: string;
  channel: "stable" | "beta";
  notes: string;
  publishedAt: Date;
  files: {
    id: string;
    platform: Platform;
    filename: string;
    sizeBytes: number;
    sha256: string | null;
    contentType: string;
  }[];
};

// The published releases a licence holder may update to on one channel and platform, newest
// first: a beta feed offers stable releases too; nothing after the update window. Each release
// offers the builds that serve the platform best (lib/platforms.ts `platformsServing`).
export async function findFeedReleases(
  productId: string,
  channel: "stable" | "beta",
  platform: Platform,
  updatesUntil: Date | null,
  take = 10,
) {
  const servable = platformsServing(platform).flat();
  const releases = await db.release.findMany({
    where: {
      productId,
      status: "published",
      channel: channel === "stable" ? "stable" : { in: ["stable", "beta"] },
      files: { some: { status: "ready", platform: { in: servable } } },
    },
    select: {
      version: true,
      channel: true,
      notes: true,
      publishedAt: true,
      files: {
        where: { status: "ready", platform: { in: servable } },
        orderBy: { filename: "asc" },
        select: {
          id: true,
          platform: true,
          filename: true,
          sizeBytes: true,
          sha256: true,
          contentType: true,
        },
      },
    },
  });
  return newestFirst(releases.filter((release) => insideUpdateWindow(release.publishedAt, updatesUntil)))
    .slice(0, take)
    .map((release): FeedRelease => ({
      ...release,
      publishedAt: release.publishedAt!,
      files: filesServing(release.files, platform)
        .sort((a, b) => byPlatform(a.platform, b.platform))
        .map((file) => ({ ...file, sizeBytes: Number(file.sizeBytes) })),
    }));
}

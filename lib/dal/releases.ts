import "server-only";
import { db } from "../db";
import { insideUpdateWindow } from "../licensing/windows";
import { failure, success, type Result } from "../result";
import { byPlatform, filesServing, platformLabel, type Platform } from "../platforms";
import { newestFirst } from "../semver";

// The newest published release of a channel (by semver) inside the caller's update window, and
// its build for one platform (its own, else the one that serves it: lib/platforms.ts): the file's id.
export async function findLatestFile(
  slug: string,
  channel: "stable" | "beta",
  platform?: Platform,
  updatesUntil: Date | null = null,
): Promise<Result<string>> {
  const product = await db.product.findUnique({
    where: { slug },
    select: {
      name: true,
      releases: {
        where: { status: "published", channel },
        select: {
          version: true,
          publishedAt: true,
          files: {
            // A blockmap is the differential updater's map of a build, not a download of its own.
            where: { status: "ready", NOT: { filename: { endsWith: ".blockmap" } } },
            select: { id: true, platform: true },
            orderBy: { createdAt: "asc" },
          },
        },
      },
    },
  });
  if (!product) return failure("not_found", "No such product.");
  const latest = newestFirst(
    product.releases.filter((release) => insideUpdateWindow(release.publishedAt, updatesUntil)),
  )[0];
  if (!latest || latest.files.length === 0) {
    return failure("not_found", `${product.name} has no ${channel} release yet.`);
  }

  const platforms = [...new Set(latest.files.map((file) => file.platform))].sort(byPlatform);
  const served = platform ? filesServing(latest.files, platform) : latest.files;
  const choice = `Choose ?platform= one of: ${platforms.join(", ")}.`;
  if (served.length === 0) {
    const what = platform ? platformLabel(platform) : "any platform";
    return failure("not_found", `${product.name} ${latest.version} has no build for ${what}. ${choice}`);
  }
  // Several builds answer (an x64 and an arm64 one for "macOS"): the caller says which.
  if (new Set(served.map((file) => file.platform)).size > 1) return failure("invalid_input", choice);
  return success(served[0].id);
}

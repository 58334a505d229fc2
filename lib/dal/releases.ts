import "server-only";
import { db } from "../db";
import { insideUpdateWindow } from "../licensing/windows";
import { failure, success, type Result } from "../result";
import { newestFirst } from "../semver";

// The newest published release of a channel (by semver) inside the caller's update window, and
// its build for one platform: the file's id.
export async function findLatestFile(
  slug: string,
  channel: "stable" | "beta",
  platform?: string,
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
            where: { status: "ready" },
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

  const platforms = [...new Set(latest.files.map((file) => file.platform))];
  const file = platform
    ? latest.files.find((candidate) => candidate.platform.toLowerCase() === platform.toLowerCase())
    : platforms.length === 1
      ? latest.files[0]
      : undefined;
  if (!file) {
    const choice = `Choose ?platform= one of: ${platforms.join(", ")}.`;
    return platform
      ? failure("not_found", `${product.name} ${latest.version} has no ${platform} build. ${choice}`)
      : failure("invalid_input", choice);
  }
  return success(file.id);
}

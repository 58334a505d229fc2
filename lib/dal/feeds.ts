import "server-only";
import { db } from "../db";
import { insideUpdateWindow } from "../licensing/windows";
import { byPlatform, filesServing, platformsServing, type Platform } from "../platforms";
import { newestFirst } from "../semver";
import { rateLimitHitCte, type RateLimitHit } from "./rate-limit";

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
    sha512: string | null;
    edSignature: string | null;
    edSignedBy: string | null;
    contentType: string;
  }[];
};

export type FeedLicense = {
  key: string;
  revokedAt: Date | null;
  status: "active" | "revoked" | "suspended";
  updatesUntil: Date | null;
  product: { id: string; slug: string; name: string };
};

type FeedRow = {
  hits: number;
  key: string | null;
  revokedAt: Date | null;
  status: FeedLicense["status"];
  updatesUntil: Date | null;
  productId: string;
  slug: string;
  name: string;
  releases:
    | (Omit<FeedRelease, "publishedAt" | "files"> & {
        publishedAtMs: number;
        files: FeedRelease["files"];
      })[]
    | null;
};

// An update check in one round trip, ETag or not: counts the call against its address's budget
// (`hit`), reads the licence key, and, only for a live key of this product while the address is
// within budget, the published releases on the channel (a beta feed offers stable releases too)
// with ready files that can serve the platform (a build's blockmap is fetched beside it, never
// offered as an update itself). Newest first, at most `take`, nothing after the
// key's update window; each release offers the builds that serve the platform best
// (lib/platforms.ts `platformsServing`).
export async function findFeed(
  hit: RateLimitHit,
  key: string | null,
  query: { productSlug: string; channel: "stable" | "beta"; platform: Platform },
  take = 10,
) {
  const channels = query.channel === "stable" ? ["stable"] : ["stable", "beta"];
  const servable = platformsServing(query.platform).flat();
  const [row] = await db.$queryRaw<FeedRow[]>`
    WITH ${rateLimitHitCte(hit)},
    license AS (
      SELECT l."key", l."revokedAt", e."status"::text AS "status", e."updatesUntil",
             p."id" AS "productId", p."slug", p."name"
      FROM "License" l JOIN "Entitlement" e ON e."id" = l."entitlementId" JOIN "Product" p ON p."id" = e."productId"
      WHERE l."key" = ${key}::text
    )
    SELECT hit."count" AS "hits", license.*, (
      SELECT json_agg(json_build_object(
        'version', r."version", 'channel', r."channel", 'notes', r."notes",
        'publishedAtMs', floor(extract(epoch FROM r."publishedAt") * 1000),
        'files', (
          SELECT json_agg(json_build_object('id', f."id", 'platform', f."platform", 'filename', f."filename", 'sizeBytes', f."sizeBytes",
                                            'sha256', f."sha256", 'sha512', f."sha512", 'edSignature', f."edSignature",
                                            'edSignedBy', f."edSignedBy", 'contentType', f."contentType") ORDER BY f."filename")
          FROM "ReleaseFile" f
          WHERE f."releaseId" = r."id" AND f."status" = 'ready' AND f."platform"::text = ANY(${servable}::text[])
            AND f."filename" NOT LIKE '%.blockmap'
        )))
      FROM "Release" r
      WHERE license."slug" = ${query.productSlug} AND license."revokedAt" IS NULL AND license."status" = 'active'
        AND hit."count" <= ${hit.limit}
        AND r."productId" = license."productId" AND r."status" = 'published' AND r."publishedAt" IS NOT NULL
        AND r."channel"::text = ANY(${channels}::text[])
        AND EXISTS (SELECT 1 FROM "ReleaseFile" f WHERE f."releaseId" = r."id" AND f."status" = 'ready'
                    AND f."platform"::text = ANY(${servable}::text[]) AND f."filename" NOT LIKE '%.blockmap')
    ) AS "releases"
    FROM hit LEFT JOIN license ON true`;
  return {
    hits: Number(row.hits),
    license: row.key
      ? ({ ...row, product: { id: row.productId, slug: row.slug, name: row.name } } as FeedLicense)
      : null,
    releases: toFeedReleases(row.releases ?? [], row.updatesUntil, query.platform, take),
  };
}

function toFeedReleases(
  rows: NonNullable<FeedRow["releases"]>,
  updatesUntil: Date | null,
  platform: Platform,
  take: number,
) {
  const releases = rows.map(({ publishedAtMs, ...release }) => ({
    ...release,
    publishedAt: new Date(publishedAtMs),
  }));
  return newestFirst(releases.filter((release) => insideUpdateWindow(release.publishedAt, updatesUntil)))
    .slice(0, take)
    .map((release): FeedRelease => ({
      ...release,
      files: filesServing(release.files, platform).sort((a, b) => byPlatform(a.platform, b.platform)),
    }));
}

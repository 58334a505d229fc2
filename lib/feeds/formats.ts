import type { FeedRelease } from "../dal/feeds";
import type { Platform } from "../platforms";

// Three renderings of the same feed. Download URLs point at the store's stable link, which
// checks the licence and the update window again before it hands out a short-lived URL.

type FeedFile = FeedRelease["files"][number];

export type Feed = {
  product: { slug: string; name: string };
  channel: "stable" | "beta";
  platform: Platform;
  updatesUntil: Date | null;
  releases: FeedRelease[]; // newest first
  downloadUrl: (fileId: string) => string;
  // The same link by version, platform and file name (electron-updater derives blockmaps from it).
  versionedUrl: (version: string, file: FeedFile) => string;
  pageUrl: string;
  sparklePublicKey: string | null; // the current key: only its signatures are offered
};

export function feedJson(feed: Feed) {
  const [latest] = feed.releases;
  return {
    product: feed.product.slug,
    channel: feed.channel,
    platform: feed.platform,
    updatesUntil: feed.updatesUntil?.toISOString() ?? null,
    version: latest.version,
    notes: latest.notes,
    publishedAt: latest.publishedAt.toISOString(),
    files: latest.files.map((file) => ({
      platform: file.platform,
      filename: file.filename,
      size: file.sizeBytes,
      sha256: file.sha256,
      url: feed.downloadUrl(file.id),
    })),
  };
}

// electron-builder's latest.yml: `sha512` (base64 of the SHA-512 of the stored bytes, which
// electron-updater verifies) and `size` per file. A file recorded before SHA-512 was has only
// `sha2` (hex SHA-256), which electron-updater verifies instead, until `npm run files:verify`.
const yamlString = (value: string) => JSON.stringify(value); // JSON strings are valid YAML scalars

export function electronYaml(feed: Feed) {
  const [latest] = feed.releases;
  const files = latest.files.map((file) => ({
    url: feed.versionedUrl(latest.version, file),
    sha2: file.sha256 ?? "",
    sha512: file.sha512,
    size: file.sizeBytes,
  }));
  const checksums = (file: (typeof files)[number], indent: string) => [
    ...(file.sha512 ? [`${indent}sha512: ${yamlString(file.sha512)}`] : []),
    `${indent}sha2: ${yamlString(file.sha2)}`,
  ];
  return [
    `version: ${yamlString(latest.version)}`,
    "files:",
    ...files.flatMap((file) => [
      `  - url: ${yamlString(file.url)}`,
      ...checksums(file, "    "),
      `    size: ${file.size}`,
    ]),
    `path: ${yamlString(files[0].url)}`,
    ...checksums(files[0], ""),
    `releaseDate: ${yamlString(latest.publishedAt.toISOString())}`,
    `releaseNotes: ${yamlString(latest.notes)}`,
    "",
  ].join("\n");
}

const xmlEscape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[char]!,
  );

// Sparkle 2 refuses an update without `sparkle:edSignature` (Ed25519 over the archive's bytes,
// base64) when the app has SUPublicEDKey; a signature by another key than the current one would
// be refused as well, so it is left out rather than offered.
const edSignature = (feed: Feed, file: FeedFile) =>
  file.edSignature && file.edSignedBy === feed.sparklePublicKey
    ? ` sparkle:edSignature="${xmlEscape(file.edSignature)}"`
    : "";

// Sparkle's appcast: RSS 2.0 with the sparkle namespace, one item per release (beta items carry
// <sparkle:channel>beta</sparkle:channel>, which Sparkle offers only to apps that opt in).
export function sparkleAppcast(feed: Feed) {
  const items = feed.releases.map((release) => {
    const file = release.files[0];
    return [
      "    <item>",
      `      <title>${xmlEscape(`${feed.product.name} ${release.version}`)}</title>`,
      `      <pubDate>${release.publishedAt.toUTCString()}</pubDate>`,
      `      <sparkle:version>${xmlEscape(release.version)}</sparkle:version>`,
      `      <sparkle:shortVersionString>${xmlEscape(release.version)}</sparkle:shortVersionString>`,
      ...(release.channel === "beta" ? ["      <sparkle:channel>beta</sparkle:channel>"] : []),
      `      <description>${xmlEscape(release.notes)}</description>`,
      `      <enclosure url="${xmlEscape(feed.downloadUrl(file.id))}" length="${file.sizeBytes}" type="${xmlEscape(file.contentType)}"${edSignature(feed, file)}/>`,
      "    </item>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:sparkle="http://www.andymatuschak.org/xml-namespaces/sparkle">',
    "  <channel>",
    `    <title>${xmlEscape(`${feed.product.name} updates`)}</title>`,
    `    <link>${xmlEscape(feed.pageUrl)}</link>`,
    ...items,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}

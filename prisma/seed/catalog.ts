import { createHash } from "node:crypto";
import type { Platform } from "../../lib/platforms";

// Demo catalogue: two products (Tessellate in two tiers, one per seat), two published releases
// each, small real files per platform.
export type SeedFile = { platform: Platform; filename: string; contentType: string; sizeBytes: number };
export type SeedRelease = {
  version: string;
  channel: "stable" | "beta";
  daysAgo: number;
  notes: string;
  files: SeedFile[];
};
export type SeedTier = {
  name: string;
  priceCents: number; // in the currency's minor unit (lib/money.ts); the demo prices are USD
  machinesPerSeat?: number;
  updateMonths?: number;
  // Another window of updates (per seat when perSeat), in the same minor unit; and whether the
  // buyer may have it renewed automatically (a Stripe subscription).
  renewalPriceCents?: number;
  autoRenew?: boolean;
  perSeat?: boolean;
  minSeats?: number;
  maxSeats?: number;
};
export type SeedProduct = {
  slug: string;
  name: string;
  tagline: string;
  description: string;
  tiers: SeedTier[]; // left to right on the product page
  releases: SeedRelease[];
};

const kib = 1024;

// The demo seller's store settings (Admin → Settings); the logo is the app icon in public/.
export const demoStore = {
  name: "Northwind Software",
  accentColor: "#4f46e5",
  supportEmail: "support@northwind.example",
  termsUrl: "https://northwind.example/terms",
  privacyUrl: "https://northwind.example/privacy",
  refundUrl: "https://northwind.example/refunds",
  logoFile: "public/icon-192.png",
};

export const demoCatalog: SeedProduct[] = [
  {
    slug: "tessellate",
    name: "Tessellate",
    tagline: "A fast, offline vector editor for pattern designers.",
    description: `Tessellate turns a single motif into seamless patterns in real time.

- **Live symmetry** — 17 wallpaper groups, previewed as you draw
- **Exports** to SVG, PDF and print-ready PNG at any resolution
- **Offline first** — your files never leave your machine`,
    tiers: [
      {
        name: "Personal",
        priceCents: 4900,
        machinesPerSeat: 3,
        updateMonths: 12,
        renewalPriceCents: 2450,
        autoRenew: true,
      },
      {
        name: "Team",
        priceCents: 3900,
        machinesPerSeat: 3,
        updateMonths: 12,
        renewalPriceCents: 1950,
        perSeat: true,
        minSeats: 2,
        maxSeats: 50,
      },
    ],
    releases: [
      {
        version: "2.0.0",
        channel: "stable",
        daysAgo: 60,
        notes: "### New\n- Rewritten canvas engine, 3× faster on large patterns\n- Dark mode",
        files: [
          {
            platform: "macos_universal",
            filename: "Tessellate-2.0.0.dmg",
            contentType: "application/x-apple-diskimage",
            sizeBytes: 180 * kib,
          },
          {
            platform: "windows_universal",
            filename: "Tessellate-Setup-2.0.0.exe",
            contentType: "application/vnd.microsoft.portable-executable",
            sizeBytes: 150 * kib,
          },
        ],
      },
      {
        version: "2.1.0",
        channel: "stable",
        daysAgo: 7,
        notes:
          "### New\n- Linux builds (AppImage)\n- Pattern presets\n\n### Fixed\n- Crash when exporting PDFs wider than 5 m",
        files: [
          {
            platform: "macos_universal",
            filename: "Tessellate-2.1.0.dmg",
            contentType: "application/x-apple-diskimage",
            sizeBytes: 190 * kib,
          },
          {
            platform: "windows_x64",
            filename: "Tessellate Setup 2.1.0 (x64).exe",
            contentType: "application/vnd.microsoft.portable-executable",
            sizeBytes: 160 * kib,
          },
          {
            platform: "linux_x64",
            filename: "Tessellate-2.1.0-x86_64.AppImage",
            contentType: "application/octet-stream",
            sizeBytes: 170 * kib,
          },
        ],
      },
    ],
  },
  {
    slug: "lumen-cli",
    name: "Lumen CLI",
    tagline: "Structured log search for your terminal.",
    description: `Lumen reads JSON, logfmt and plain logs at disk speed and lets you query them like a table.

\`\`\`
lumen 'level = error and latency_ms > 250' app.log
\`\`\``,
    tiers: [{ name: "Standard", priceCents: 1900 }],
    releases: [
      {
        version: "1.3.0",
        channel: "stable",
        daysAgo: 30,
        notes: "- `--follow` mode\n- Faster logfmt parser",
        files: [
          {
            platform: "linux_x64",
            filename: "lumen-1.3.0-linux-x64.tar.gz",
            contentType: "application/gzip",
            sizeBytes: 96 * kib,
          },
          {
            platform: "macos_arm64",
            filename: "lumen-1.3.0-macos-arm64.tar.gz",
            contentType: "application/gzip",
            sizeBytes: 92 * kib,
          },
        ],
      },
      {
        version: "1.4.0",
        channel: "stable",
        daysAgo: 3,
        notes: "- Saved queries\n- `lumen stats` summarises a log in one screen",
        files: [
          {
            platform: "linux_x64",
            filename: "lumen-1.4.0-linux-x64.tar.gz",
            contentType: "application/gzip",
            sizeBytes: 100 * kib,
          },
          {
            platform: "macos_arm64",
            filename: "lumen-1.4.0-macos-arm64.tar.gz",
            contentType: "application/gzip",
            sizeBytes: 98 * kib,
          },
        ],
      },
      {
        version: "1.5.0-beta.1",
        channel: "beta",
        daysAgo: 1,
        notes: "- **Beta:** query across several files at once\n- Feedback welcome",
        files: [
          {
            platform: "linux_x64",
            filename: "lumen-1.5.0-beta.1-linux-x64.tar.gz",
            contentType: "application/gzip",
            sizeBytes: 104 * kib,
          },
          {
            platform: "macos_universal",
            filename: "Lumen Beta 1.5.0 für macOS.pkg",
            contentType: "application/octet-stream",
            sizeBytes: 101 * kib,
          },
        ],
      },
    ],
  },
];

export const demoCustomer = { email: "customer@example.com", owns: "tessellate" };
// A second customer who owns the whole catalogue, to show a full library.
export const demoCollector = { email: "collector@example.com" };
// A customer whose Tessellate updates ended a month ago: 2.1.0 (a week old) is locked in their
// library, with the prompt to renew on the same licence key.
export const demoLapsedCustomer = { email: "lapsed@example.com", owns: "tessellate", endedDaysAgo: 30 };

// A file the seller made for the collector alone, shown under "Made for you" in their library.
export const demoCustomerFile = {
  title: "Site licence: Northwind Studio",
  note: "Place this file next to the app on each studio machine.",
  filename: "northwind-studio.license",
  contentType: "text/plain",
  body: Buffer.from("Licensee: Northwind Studio\nSeats: 25\nProducts: all\nIssued by: Downlink demo\n"),
};

// Deterministic bytes, so every seeded object has a stable SHA-256 that tests can check.
export function demoFileBytes(file: SeedFile): Buffer {
  const chunks: Buffer[] = [Buffer.from(`${file.filename} — Downlink demo build\n`)];
  let block = createHash("sha256").update(file.filename).digest();
  let length = chunks[0].length;
  while (length < file.sizeBytes) {
    block = createHash("sha256").update(block).digest();
    chunks.push(block);
    length += block.length;
  }
  return Buffer.concat(chunks).subarray(0, file.sizeBytes);
}

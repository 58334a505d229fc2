import type { LibraryItem } from "@/lib/dal/library";
import Link from "next/link";
import { accessNotice } from "@/lib/customers/access-notice";
import { formatBytes, formatDate } from "@/lib/format";
import { platformLabel } from "@/lib/platforms";
import { Checksum } from "./checksum";
import { CopyButton } from "./copy-button";
import { DownloadButton } from "./download-button";
import { Markdown } from "./markdown";
import { RenewalPrompt } from "./renewal-prompt";

// On the library, `allVersions` links to the product's own library page, which lists them all.
export function LibraryProduct({
  item,
  supportEmail,
  allVersions,
}: {
  item: LibraryItem;
  supportEmail: string | null;
  allVersions?: string;
}) {
  const active = item.access === "active";
  const hidden = item.releaseCount - item.releases.length;
  return (
    <section
      className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm"
      data-testid={`library-${item.slug}`}
    >
      <header className="flex items-center justify-between gap-4 border-b border-zinc-100 px-6 py-4">
        <div>
          <h2 className="text-lg font-semibold">
            {allVersions ? (
              <Link href={allVersions} className="hover:underline">
                {item.name}
              </Link>
            ) : (
              item.name
            )}
          </h2>
          <p className="text-sm text-zinc-500">{item.tagline}</p>
        </div>
        {!active && (
          <span className="rounded-full bg-red-50 px-3 py-1 text-xs font-medium text-red-700">
            {item.access === "revoked" ? "Access revoked" : "Access suspended"}
          </span>
        )}
      </header>
      {!active && (
        <p className="px-6 pt-4 text-sm text-red-700" data-testid="access-notice">
          {item.access !== "active" && accessNotice(item.access, item.name, item.accessReason, supportEmail)}
        </p>
      )}
      {item.license && <LicenseRow item={item} license={item.license} />}
      {item.releases.length === 0 && (
        <p className="px-6 py-5 text-sm text-zinc-500">No releases in this channel.</p>
      )}
      <ol className="divide-y divide-zinc-100">
        {item.releases.map((release) => (
          <li key={release.id} className="space-y-3 px-6 py-5">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-mono font-semibold">v{release.version}</span>
              {release.isLatest && (
                <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
                  latest
                </span>
              )}
              {release.channel !== "stable" && (
                <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">
                  {release.channel}
                </span>
              )}
              {release.locked && (
                <span className="rounded bg-zinc-200 px-2 py-0.5 text-xs font-medium text-zinc-700">
                  locked
                </span>
              )}
              <span className="text-zinc-500">{formatDate(release.publishedAt)}</span>
            </div>
            {release.locked && item.updatesUntil && (
              <RenewalPrompt version={release.version} updatesUntil={item.updatesUntil} product={item} />
            )}
            {release.notes && <Markdown>{release.notes}</Markdown>}
            <ul className="space-y-2">
              {release.files.map((file) => (
                <li
                  key={file.id}
                  data-file-id={file.id}
                  className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg bg-zinc-50 px-4 py-3"
                >
                  <span className="w-20 text-sm font-medium">{platformLabel(file.platform)}</span>
                  {/* Wrapped, never cut: on a phone "lumen-1.4.0-m…" names no file. */}
                  <span className="min-w-0 flex-1 basis-40 break-all font-mono text-sm text-zinc-700">
                    {file.filename}
                  </span>
                  <span className="text-sm text-zinc-500">{formatBytes(file.sizeBytes)}</span>
                  {file.sha256 && <Checksum value={file.sha256} />}
                  {active && !release.locked && (
                    <span className="flex items-center gap-1">
                      <CopyButton
                        value={`/download/file/${file.id}`}
                        label={`Copy a permanent link to ${file.filename}`}
                        text="link"
                      />
                      <DownloadButton fileId={file.id} filename={file.filename} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {allVersions && hidden > 0 && (
        <p className="border-t border-zinc-100 px-6 py-3 text-sm">
          <Link href={allVersions} className="font-medium text-indigo-600 hover:underline">
            All {item.releaseCount} versions of {item.name}
          </Link>{" "}
          <span className="text-zinc-500">({hidden} older not shown here)</span>
        </p>
      )}
    </section>
  );
}

type License = NonNullable<LibraryItem["license"]>;

// The licence key the product's app asks for, its machines, and how long updates run.
function LicenseRow({ item, license }: { item: LibraryItem; license: License }) {
  const limit = license.activationLimit;
  return (
    <dl
      className="flex flex-wrap items-center gap-x-8 gap-y-2 border-b border-zinc-100 bg-zinc-50/60 px-6 py-3 text-sm"
      data-testid="license"
    >
      <div className="flex items-center gap-2">
        <dt className="text-zinc-500">Licence key</dt>
        <dd className="flex items-center gap-1">
          <code
            className={`font-mono font-medium ${license.revoked ? "text-zinc-400 line-through" : "text-zinc-900"}`}
            data-testid="license-key"
          >
            {license.key}
          </code>
          {license.revoked ? (
            <span className="text-xs font-medium text-red-700">revoked</span>
          ) : (
            <CopyButton value={license.key} label={`Copy the licence key for ${item.name}`} />
          )}
        </dd>
      </div>
      {!license.revoked && item.access === "active" && (
        <div className="flex items-center gap-2">
          <dt className="sr-only">Offline licence</dt>
          <dd>
            {/* A signed file the app verifies without the network (docs/licences.md). */}
            <a
              className="font-medium text-zinc-900 underline underline-offset-2"
              href={`/download/license/${license.id}`}
              data-testid="license-file"
            >
              Licence file
            </a>
          </dd>
        </div>
      )}
      {limit !== null && (
        <div className="flex items-center gap-2">
          <dt className="text-zinc-500">Machines</dt>
          <dd>
            {license.activations} of {limit}
          </dd>
        </div>
      )}
      {item.tier && (
        <div className="flex items-center gap-2">
          <dt className="text-zinc-500">Tier</dt>
          <dd data-testid="license-tier">
            {item.tier}
            {item.seats !== null && ` · ${item.seats} seat${item.seats === 1 ? "" : "s"}`}
          </dd>
        </div>
      )}
      <div className="flex items-center gap-2">
        <dt className="text-zinc-500">Updates</dt>
        <dd>
          {item.updatesUntil
            ? `${item.updatesUntil < new Date() ? "ended" : "until"} ${formatDate(item.updatesUntil)}`
            : "included forever"}
        </dd>
      </div>
    </dl>
  );
}

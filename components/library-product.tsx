import type { LibraryItem } from "@/lib/dal/library";
import { formatBytes, formatDate } from "@/lib/format";
import { CopyButton } from "./copy-button";
import { DownloadButton } from "./download-button";
import { Markdown } from "./markdown";

export function LibraryProduct({ item }: { item: LibraryItem }) {
  const active = item.access === "active";
  return (
    <section className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm" data-testid={`library-${item.slug}`}>
      <header className="flex items-center justify-between gap-4 border-b border-zinc-100 px-6 py-4">
        <div>
          <h2 className="text-lg font-semibold">{item.name}</h2>
          <p className="text-sm text-zinc-500">{item.tagline}</p>
        </div>
        {!active && (
          <span className="rounded-full bg-red-50 px-3 py-1 text-xs font-medium text-red-700">
            {item.access === "revoked" ? "Access revoked" : "Access suspended"}
          </span>
        )}
      </header>
      {!active && (
        <p className="px-6 pt-4 text-sm text-red-700">
          {item.access === "revoked"
            ? `Your access was revoked${item.accessReason ? ` ${item.accessReason}` : ""}. Contact the seller if this is a mistake.`
            : "Downloads are paused while a payment dispute is open."}
        </p>
      )}
      {item.releases.length === 0 && <p className="px-6 py-5 text-sm text-zinc-500">No releases in this channel.</p>}
      <ol className="divide-y divide-zinc-100">
        {item.releases.map((release) => (
          <li key={release.id} className="space-y-3 px-6 py-5">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-mono font-semibold">v{release.version}</span>
              {release.isLatest && <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">latest</span>}
              {release.channel !== "stable" && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800">{release.channel}</span>}
              <span className="text-zinc-500">{formatDate(release.publishedAt)}</span>
            </div>
            {release.notes && <Markdown>{release.notes}</Markdown>}
            <ul className="space-y-2">
              {release.files.map((file) => (
                <li key={file.id} data-file-id={file.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg bg-zinc-50 px-4 py-3">
                  <span className="w-20 text-sm font-medium">{file.platform}</span>
                  <span className="min-w-0 flex-1 truncate font-mono text-sm text-zinc-700">{file.filename}</span>
                  <span className="text-sm text-zinc-500">{formatBytes(file.sizeBytes)}</span>
                  {file.sha256 && (
                    <span className="flex items-center gap-1 font-mono text-xs text-zinc-500" title={file.sha256}>
                      sha256:{file.sha256.slice(0, 12)}… <CopyButton value={file.sha256} label="Copy SHA-256" />
                    </span>
                  )}
                  {active && (
                    <span className="flex items-center gap-1">
                      <CopyButton value={`/download/file/${file.id}`} label={`Copy a permanent link to ${file.filename}`} text="link" />
                      <DownloadButton fileId={file.id} filename={file.filename} />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

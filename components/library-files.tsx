import type { LibraryFile } from "@/lib/dal/customer-files";
import { formatBytes, formatDate } from "@/lib/format";
import { Checksum } from "./checksum";
import { CopyButton } from "./copy-button";
import { DownloadButton } from "./download-button";

// Files the seller made for this customer alone: a custom build, a licence file, an invoice.
export function LibraryFiles({ files }: { files: LibraryFile[] }) {
  return (
    <section
      className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm"
      data-testid="library-customer-files"
    >
      <header className="border-b border-zinc-100 px-6 py-4">
        <h2 className="text-lg font-semibold">Made for you</h2>
        <p className="text-sm text-zinc-500">Files the seller prepared for your account only.</p>
      </header>
      <ul className="space-y-2 px-6 py-5">
        {files.map((file) => (
          <li
            key={file.id}
            data-file-id={file.id}
            className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg bg-zinc-50 px-4 py-3"
          >
            <span className="min-w-0 flex-1">
              <span className="block text-sm font-medium">{file.title}</span>
              <span className="block break-words font-mono text-xs text-zinc-600">{file.filename}</span>
            </span>
            <span className="text-sm text-zinc-500">{formatBytes(file.sizeBytes)}</span>
            <span className="text-sm text-zinc-500">{formatDate(file.createdAt)}</span>
            {file.sha256 && <Checksum value={file.sha256} />}
            <span className="flex items-center gap-1">
              <CopyButton
                value={`/download/file/${file.id}`}
                label={`Copy a permanent link to ${file.filename}`}
                text="link"
              />
              <DownloadButton fileId={file.id} filename={file.filename} />
            </span>
            {file.note && <p className="basis-full text-sm text-zinc-500">{file.note}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}

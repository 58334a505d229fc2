import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminTable } from "@/components/admin/admin-table";
import { ReleaseUploader } from "@/components/admin/release-uploader";
import { ReleaseActions } from "@/components/admin/release-actions";
import { Markdown } from "@/components/markdown";
import { checkAdmin } from "@/lib/auth/admin";
import { getReleaseForAdmin } from "@/lib/dal/admin-catalog";
import { Checksum } from "@/components/checksum";
import { countReleaseEmailRecipients } from "@/lib/dal/release-notifications";
import { formatBytes, formatDate } from "@/lib/format";
import { platformLabel } from "@/lib/platforms";

export default async function AdminReleasePage({ params }: { params: Promise<{ id: string }> }) {
  if ((await checkAdmin()).status === "error") return null;
  const release = await getReleaseForAdmin((await params).id);
  if (!release) notFound();
  const recipients = release.status === "draft" ? await countReleaseEmailRecipients(release.id) : 0;
  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <Link
          href={`/admin/products/${release.product.id}`}
          className="text-sm text-indigo-700 hover:underline"
        >
          ← {release.product.name}
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">
          {release.product.name} <span className="font-mono">v{release.version}</span>
        </h1>
        <p className="text-sm text-zinc-500">
          {release.channel} · {release.status}
          {release.publishedAt && ` · published ${formatDate(release.publishedAt)}`}
          {release.yankReason && ` · yanked: ${release.yankReason}`}
        </p>
      </header>
      {release.notes && <Markdown>{release.notes}</Markdown>}
      <ReleaseActions
        releaseId={release.id}
        version={release.version}
        status={release.status}
        recipients={recipients}
      />
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Files</h2>
        <AdminTable columns={["Platform", "File", "Size", "SHA-256", "State"]} testId="release-files">
          {release.files.map((file) => (
            <tr key={file.id}>
              <td className="px-4 py-2.5">{platformLabel(file.platform)}</td>
              <td className="px-4 py-2.5 font-mono">{file.filename}</td>
              <td className="px-4 py-2.5">{formatBytes(Number(file.sizeBytes))}</td>
              <td className="px-4 py-2.5 font-mono text-xs text-zinc-500">
                {file.sha256 ? <Checksum value={file.sha256} /> : "—"}
              </td>
              <td className="px-4 py-2.5">
                {file.status === "ready" ? (
                  <span className="text-emerald-700">ready</span>
                ) : (
                  <span className="text-amber-700">
                    uploading ({file.upload?._count.parts ?? 0}/{file.upload?.partCount ?? "?"} parts)
                  </span>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
        {release.status !== "yanked" && <ReleaseUploader releaseId={release.id} />}
      </section>
    </div>
  );
}

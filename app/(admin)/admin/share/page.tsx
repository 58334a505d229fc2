import type { Metadata } from "next";
import { ShareForm } from "@/components/admin/share-form";
import { checkAdmin } from "@/lib/auth/admin";
import { listReadyFiles, listRecentShareLinks } from "@/lib/dal/admin-catalog";

export const metadata: Metadata = { title: "Admin · Share links" };

const time = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

export default async function SharePage() {
  if ((await checkAdmin()).status === "error") return null;
  const [files, recent] = await Promise.all([listReadyFiles(), listRecentShareLinks()]);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Share a file</h1>
        <p className="text-sm text-zinc-600">
          A time-limited link for someone who is not a customer — a reviewer, a partner, a support case.
          Anyone holding it can download until it expires; every link is recorded below (the link itself is
          never stored).
        </p>
      </header>
      <ShareForm files={files} />
      <section className="space-y-2">
        <h2 className="font-semibold">Recent links</h2>
        <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white text-sm shadow-sm">
          {recent.length === 0 && <li className="px-4 py-3 text-zinc-500">No links yet.</li>}
          {recent.map((entry) => (
            <li key={entry.id} className="flex flex-wrap gap-x-4 px-4 py-2.5">
              <span className="min-w-0 break-all font-mono">{entry.filename}</span>
              <span className="min-w-0 break-all text-zinc-500">{entry.note || "—"}</span>
              <span className="min-w-0 break-all text-zinc-500">by {entry.by}</span>
              <span className="ml-auto text-zinc-500">
                {time.format(entry.at)} → {entry.expiresAt ? time.format(new Date(entry.expiresAt)) : "?"}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

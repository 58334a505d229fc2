import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { listDownloadHistory } from "@/lib/dal/download-events";

export const metadata: Metadata = { title: "Account" };

const reasons: Record<string, string> = {
  not_in_library: "not in your library",
  revoked: "access revoked",
  suspended: "access suspended",
  rate_limited: "too many requests",
  outside_update_window: "after your updates ended",
  download_limit: "download limit reached",
  presign_failed: "storage unavailable",
  storage_unavailable: "storage unavailable",
  object_missing: "file missing from storage",
};

const timeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=/account");
  const history = await listDownloadHistory(user.id);

  return (
    <div className="space-y-8">
      <header className="space-y-1">
        <h1 className="text-3xl font-semibold tracking-tight">Account</h1>
        <p className="text-zinc-600">Signed in as {user.email}.</p>
      </header>
      <section className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
        <h2 className="border-b border-zinc-100 px-6 py-4 font-semibold">Download history</h2>
        {history.length === 0 ? (
          <p className="px-6 py-8 text-center text-sm text-zinc-500">You have not downloaded anything yet.</p>
        ) : (
          <table
            className="block w-full overflow-x-auto sm:table text-left text-sm"
            data-testid="download-history"
          >
            <thead className="bg-zinc-50 text-xs uppercase text-zinc-500">
              <tr>
                <th className="px-6 py-2 font-medium">When</th>
                <th className="px-3 py-2 font-medium">File</th>
                <th className="px-3 py-2 font-medium">Result</th>
                <th className="px-6 py-2 font-medium">IP address</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100">
              {history.map((event) => (
                <tr key={event.id}>
                  <td className="whitespace-nowrap px-6 py-2.5 text-zinc-500">
                    {timeFormat.format(event.at)}
                  </td>
                  <td className="px-3 py-2.5">
                    {event.filename ? (
                      <>
                        <span className="font-medium">{event.product}</span>{" "}
                        <span className="font-mono text-zinc-600">{event.filename}</span>
                      </>
                    ) : (
                      <span className="text-zinc-500">unknown file</span>
                    )}
                  </td>
                  <td className="px-3 py-2.5">
                    {event.outcome === "issued" ? (
                      <span className="text-emerald-700">link issued</span>
                    ) : (
                      <span className="text-red-700">
                        {reasons[event.reason ?? ""] ?? event.outcome}
                        {/* Repeats of one refusal within a minute are one row (see recordDownloadDenial). */}
                        {event.count > 1 && <span className="text-zinc-500"> ×{event.count}</span>}
                      </span>
                    )}
                  </td>
                  <td className="px-6 py-2.5 font-mono text-xs text-zinc-500">{event.ip ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

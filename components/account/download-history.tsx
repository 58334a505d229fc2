import type { listDownloadHistory } from "@/lib/dal/download-events";

type Event = Awaited<ReturnType<typeof listDownloadHistory>>[number];

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
// A table on wide screens; on a phone each row is a card of its own lines.
const cell = "block px-4 sm:table-cell sm:px-3 sm:py-2.5";

export function DownloadHistory({ history }: { history: Event[] }) {
  return (
    <section className="overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-sm">
      <h2 className="border-b border-zinc-100 px-6 py-4 font-semibold">Download history</h2>
      {history.length === 0 ? (
        <p className="px-6 py-8 text-center text-sm text-zinc-500">You have not downloaded anything yet.</p>
      ) : (
        <table className="block w-full text-left text-sm sm:table" data-testid="download-history">
          <thead className="hidden bg-zinc-50 text-xs uppercase text-zinc-500 sm:table-header-group">
            <tr>
              <th className="px-3 py-2 font-medium sm:pl-6">When</th>
              <th className="px-3 py-2 font-medium">File</th>
              <th className="px-3 py-2 font-medium">Result</th>
              <th className="px-3 py-2 font-medium sm:pr-6">IP address</th>
            </tr>
          </thead>
          <tbody className="block divide-y divide-zinc-100 sm:table-row-group">
            {history.map((event) => (
              <tr key={event.id} className="block py-2 sm:table-row sm:py-0">
                <td className={`${cell} whitespace-nowrap text-zinc-500 sm:pl-6`}>
                  {timeFormat.format(event.at)}
                </td>
                <td className={`${cell} break-all sm:break-normal`}>
                  {event.filename ? (
                    <>
                      <span className="font-medium">{event.product}</span>{" "}
                      <span className="font-mono text-zinc-600">{event.filename}</span>
                    </>
                  ) : (
                    <span className="text-zinc-500">unknown file</span>
                  )}
                </td>
                <td className={cell}>
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
                <td className={`${cell} font-mono text-xs text-zinc-500 sm:pr-6`}>{event.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

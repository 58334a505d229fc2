import { renewalStats } from "@/lib/dal/renewal-stats";

// Renewals on the admin's analytics page, over the page's range: the renewal rate (windows renewed
// of the windows that ended), per product, and the purchases renewing automatically. A server
// component that reads its own figures, so the page places it with one line:
// <RenewalStats days={days} /> (the page has already checked the admin).
export async function RenewalStats({ days }: { days: number }) {
  const stats = await renewalStats(days);
  const rate = (renewed: number, ended: number) => (ended ? `${Math.floor((renewed * 100) / ended)} %` : "—");
  return (
    <section className="min-w-0 space-y-3" aria-labelledby="renewals-heading" data-testid="renewal-stats">
      <h2 id="renewals-heading" className="font-semibold">
        Renewals
      </h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        {[
          ["Renewal rate", stats.ratePercent === null ? "—" : `${stats.ratePercent} %`],
          ["Windows renewed / ended", `${stats.renewed} / ${stats.ended}`],
          ["Renewing automatically", String(stats.activeSubscriptions)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm">
            <dt className="text-xs text-zinc-500">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-zinc-500">
        Update windows that ended in the last {days} days, and how many of them were renewed (refunded
        renewals and revoked purchases left out).
      </p>
      <table className="block w-full overflow-x-auto rounded-xl border border-zinc-200 bg-white text-sm shadow-sm sm:table">
        <thead className="bg-zinc-50 text-left text-zinc-600">
          <tr>
            {["Product", "Ended", "Renewed", "Rate", "Automatic"].map((cell, index) => (
              <th key={cell} scope="col" className={`px-4 py-2 font-medium ${index > 0 ? "text-right" : ""}`}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {stats.perProduct.length === 0 && (
            <tr>
              <td colSpan={5} className="px-4 py-3 text-zinc-500">
                No update window ended in this period.
              </td>
            </tr>
          )}
          {stats.perProduct.map((row) => (
            <tr key={row.productId}>
              <td className="px-4 py-2">{row.name}</td>
              <td className="px-4 py-2 text-right tabular-nums">{row.ended}</td>
              <td className="px-4 py-2 text-right tabular-nums">{row.renewed}</td>
              <td className="px-4 py-2 text-right tabular-nums">{rate(row.renewed, row.ended)}</td>
              <td className="px-4 py-2 text-right tabular-nums">
                {stats.subscriptionsPerProduct.get(row.productId) ?? 0}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

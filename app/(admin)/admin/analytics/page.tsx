import type { Metadata } from "next";
import Link from "next/link";
import { DailyChart } from "@/components/admin/daily-chart";
import { checkAdmin } from "@/lib/auth/admin";
import { downloadAnalytics } from "@/lib/dal/analytics";

export const metadata: Metadata = { title: "Admin · Analytics" };

const ranges = [7, 30, 90];
type Props = { searchParams: Promise<{ days?: string }> };

function Table({
  title,
  head,
  rows,
  empty,
}: {
  title: string;
  head: string[];
  rows: (string | number)[][];
  empty: string;
}) {
  return (
    <section className="min-w-0 space-y-2">
      <h2 className="font-semibold">{title}</h2>
      <table className="block w-full overflow-x-auto sm:table sm:overflow-hidden rounded-xl border border-zinc-200 bg-white text-sm shadow-sm">
        <thead className="bg-zinc-50 text-left text-zinc-600">
          <tr>
            {head.map((cell, index) => (
              <th key={cell} scope="col" className={`px-4 py-2 font-medium ${index > 0 ? "text-right" : ""}`}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {rows.length === 0 && (
            <tr>
              <td colSpan={head.length} className="px-4 py-3 text-zinc-500">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.join("|")}>
              {row.map((cell, index) => (
                <td key={index} className={`px-4 py-2 ${index > 0 ? "text-right tabular-nums" : ""}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default async function AnalyticsPage({ searchParams }: Props) {
  if (!(await checkAdmin()).ok) return null;
  const requested = Number((await searchParams).days);
  const days = ranges.includes(requested) ? requested : 30;
  const data = await downloadAnalytics(days);
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Downloads</h1>
          <p className="text-sm text-zinc-600">
            {data.total} download link{data.total === 1 ? "" : "s"} issued in the last {days} days, from the
            audit trail.
          </p>
        </div>
        <nav aria-label="Range" className="flex gap-1 text-sm">
          {ranges.map((range) => (
            <Link
              key={range}
              href={`/admin/analytics?days=${range}`}
              aria-current={range === days ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 ${range === days ? "bg-zinc-900 text-white" : "text-zinc-600 hover:bg-zinc-100"}`}
            >
              {range} days
            </Link>
          ))}
        </nav>
      </header>
      <section className="rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">
        <DailyChart daily={data.daily} label={`Download links issued per day, last ${days} days (UTC)`} />
      </section>
      <div className="grid gap-8 lg:grid-cols-2">
        <Table
          title="Top products"
          head={["Product", "Downloads", "Customers"]}
          rows={data.perProduct.map((row) => [row.name, row.count, row.customers])}
          empty="No downloads yet."
        />
        <Table
          title="Top releases"
          head={["Release", "Downloads"]}
          rows={data.perRelease.map((row) => [`${row.name} ${row.version}`, row.count])}
          empty="No downloads yet."
        />
        <Table
          title="Top customers"
          head={["Customer", "Downloads", "IP addresses"]}
          rows={data.topCustomers.map((row) => [row.email, row.count, row.addresses])}
          empty="No downloads yet."
        />
        <Table
          title="Refused requests"
          head={["Reason", "Requests"]}
          rows={data.refusals.map((row) => [row.reason.replaceAll("_", " "), row.count])}
          empty="Nothing refused."
        />
        <Table
          title="Share links made"
          head={["By", "Through", "Links"]}
          rows={data.shares.map((row) => [row.actor, row.via, row.count])}
          empty="No share links in this range."
        />
      </div>
    </div>
  );
}

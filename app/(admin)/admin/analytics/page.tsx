import type { Metadata } from "next";
import Link from "next/link";
import { DailyChart } from "@/components/admin/daily-chart";
import { DataTable as Table } from "@/components/admin/data-table";
import { RevenueSection } from "@/components/admin/revenue-section";
import { checkAdmin } from "@/lib/auth/admin";
import { downloadAnalytics } from "@/lib/dal/analytics";
import { revenueAnalytics } from "@/lib/dal/revenue";

export const metadata: Metadata = { title: "Admin · Analytics" };

const ranges = [7, 30, 90];
type Props = { searchParams: Promise<{ days?: string }> };

export default async function AnalyticsPage({ searchParams }: Props) {
  if ((await checkAdmin()).status === "error") return null;
  const requested = Number((await searchParams).days);
  const days = ranges.includes(requested) ? requested : 30;
  const [data, revenue] = await Promise.all([downloadAnalytics(days), revenueAnalytics(days)]);
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Analytics</h1>
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
      <RevenueSection days={days} revenue={revenue} />
      <div className="space-y-1">
        <h2 className="text-xl font-semibold tracking-tight">Downloads</h2>
        <p className="text-sm text-zinc-600">
          {data.total} download link{data.total === 1 ? "" : "s"} issued in the last {days} days, from the
          audit trail.
        </p>
      </div>
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

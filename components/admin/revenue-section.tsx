import { formatMoney } from "@/lib/money";
import type { RevenueFigures, RevenueRow } from "@/lib/dal/revenue";
import { DataTable } from "./data-table";
import { RenewalStats } from "./renewal-stats";

const HEAD = ["Orders", "Gross", "Discounts", "Tax", "Refunds", "Net"];

// One row's figures, each in its own currency: a row is one currency, never a sum of several.
const figures = (row: RevenueFigures) => [
  row.orders,
  ...[row.gross, row.discounts, row.tax, row.refunds, row.net].map((amount) =>
    formatMoney(amount, row.currency),
  ),
];
const labelled = (rows: RevenueRow[], many: boolean) =>
  rows.map((row) => [many ? `${row.label} · ${row.currency.toUpperCase()}` : row.label, ...figures(row)]);

type Props = {
  days: number;
  revenue: {
    totals: RevenueFigures[];
    perDay: RevenueRow[];
    perProduct: RevenueRow[];
    perTier: RevenueRow[];
  };
};

// Admin → Analytics' money (lib/dal/revenue.ts says how each figure is computed).
export function RevenueSection({ days, revenue }: Props) {
  const many = revenue.totals.length > 1;
  return (
    <section className="space-y-6" aria-labelledby="revenue-heading">
      <div className="space-y-1">
        <h2 id="revenue-heading" className="text-xl font-semibold tracking-tight">
          Revenue
        </h2>
        <p className="text-sm text-zinc-600">
          Orders paid in the last {days} days (UTC), in each currency on its own. Net is what buyers paid less
          tax and refunds; a refund counts on the day of the order it refunds.
        </p>
      </div>
      <DataTable
        title="Totals"
        testId="revenue-totals"
        head={["Currency", ...HEAD]}
        rows={revenue.totals.map((row) => [row.currency.toUpperCase(), ...figures(row)])}
        empty="No orders in this range."
      />
      <DataTable
        title="Per product"
        testId="revenue-products"
        head={["Product", ...HEAD]}
        rows={labelled(revenue.perProduct, many)}
        empty="No orders in this range."
      />
      <DataTable
        title="Per tier"
        testId="revenue-tiers"
        head={["Tier", ...HEAD]}
        rows={labelled(revenue.perTier, many)}
        empty="No orders in this range."
      />
      <DataTable
        title="Per day"
        testId="revenue-days"
        head={["Day", ...HEAD]}
        rows={labelled(revenue.perDay, many)}
        empty="No orders in this range."
      />
      <RenewalStats days={days} />
    </section>
  );
}

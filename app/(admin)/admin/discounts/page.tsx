import type { Metadata } from "next";
import { AdminTable } from "@/components/admin/admin-table";
import { DeactivateDiscountButton, DiscountForm } from "@/components/admin/discount-form";
import { checkAdmin } from "@/lib/auth/admin";
import { listDiscountCodes, productsForDiscountForm, type DiscountCodeRow } from "@/lib/dal/discounts";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Admin · Discounts" };

const takesOff = (code: DiscountCodeRow) =>
  code.percentOff !== null
    ? `${code.percentOff} % off`
    : `${formatMoney(code.amountOff!, code.currency!)} off`;

function rules(code: DiscountCodeRow) {
  return [
    code.limitedTo.length ? code.limitedTo.join(", ") : "every product",
    code.expiresAt && `until ${formatDate(code.expiresAt)}`,
    code.firstPurchaseOnly && "first purchase only",
  ].filter(Boolean);
}

export default async function DiscountsPage() {
  if ((await checkAdmin()).status === "error") return null;
  const [codes, products] = await Promise.all([listDiscountCodes(), productsForDiscountForm()]);
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Discounts</h1>
        <p className="text-sm text-zinc-600">
          Each code becomes a Stripe coupon and promotion code; buyers enter it on the checkout page, and
          Stripe refuses it once it has expired or been used up, for a product it is not for, or (first
          purchase only) for a returning buyer. Revenue is what the orders with the code paid, less refunds,
          per currency.
        </p>
      </header>
      <DiscountForm products={products} />
      <AdminTable columns={["Code", "Discount", "Redemptions", "Revenue", "Status"]} empty="No codes yet.">
        {codes.map((code) => (
          <tr key={code.id} aria-label={code.code} className="align-top">
            <td className="px-4 py-3 font-mono font-semibold">{code.code}</td>
            <td className="px-4 py-3">
              <div>{takesOff(code)}</div>
              <div className="text-xs text-zinc-500">{rules(code).join(" · ")}</div>
            </td>
            <td className="px-4 py-3" data-testid="redemptions">
              {code.redemptions}
              {code.maxRedemptions !== null && ` of ${code.maxRedemptions}`}
            </td>
            <td className="px-4 py-3" data-testid="revenue">
              {code.revenue.length === 0
                ? "—"
                : code.revenue.map((line) => (
                    <div key={line.currency}>{formatMoney(line.amount, line.currency)}</div>
                  ))}
            </td>
            <td className="px-4 py-3">
              {code.active ? (
                <DeactivateDiscountButton id={code.id} code={code.code} />
              ) : (
                <span className="text-zinc-500">inactive</span>
              )}
            </td>
          </tr>
        ))}
      </AdminTable>
    </div>
  );
}

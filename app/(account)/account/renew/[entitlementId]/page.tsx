import type { Metadata } from "next";
import Link from "next/link";
import { CancelAutoRenewalForm, RenewalForm } from "@/components/renewal-form";
import { ownEntitlementFor } from "@/lib/account/own-entitlement";
import { renewalOffer, renewedUntil } from "@/lib/catalog/renewal-terms";
import { formatDate } from "@/lib/format";
import { formatMoney } from "@/lib/money";

export const metadata: Metadata = { title: "Renew your updates", robots: { index: false } };

type Props = {
  params: Promise<{ entitlementId: string }>;
  searchParams: Promise<{ checkout?: string }>;
};

// Where the library's locked-release prompt, the product page and the reminder emails send an
// owner: what is renewed, for how much, until when, and one button. Anyone else's purchase (or an
// unknown id) is not found; the action behind the button checks the same again.
export default async function RenewPage({ params, searchParams }: Props) {
  const { entitlementId } = await params;
  const entitlement = await ownEntitlementFor(`/account/renew/${entitlementId}`, entitlementId);
  const cancelled = (await searchParams).checkout === "cancelled";
  const { product, tier, updatesUntil } = entitlement;
  const offer = entitlement.status === "active" && tier ? renewalOffer(tier, entitlement.seats) : null;
  const ended = updatesUntil !== null && updatesUntil < new Date();
  const price = offer && formatMoney(offer.amount, offer.currency);

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-zinc-500">
          <Link href="/library" className="hover:underline">
            Your library
          </Link>{" "}
          › Renew
        </p>
        <h1 className="break-words text-3xl font-semibold tracking-tight">Renew {product.name}</h1>
        <p className="text-zinc-600">
          Another {tier?.updateMonths ?? ""} months of updates on the same licence key: your apps keep working
          and nothing needs to be entered again.
        </p>
      </header>
      {cancelled && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-800">
          Checkout was cancelled. You were not charged.
        </p>
      )}
      <section className="space-y-5 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm" data-testid="renewal-terms">
          <dt className="text-zinc-500">Tier</dt>
          <dd>
            {tier?.name ?? "—"}
            {tier?.perSeat && ` · ${entitlement.seats} seats`}
          </dd>
          <dt className="text-zinc-500">Licence key</dt>
          <dd className="break-all font-mono">{entitlement.license?.key ?? "—"}</dd>
          <dt className="text-zinc-500">Updates {ended ? "ended" : "until"}</dt>
          <dd>{updatesUntil ? formatDate(updatesUntil) : "included forever"}</dd>
          {offer && (
            <>
              <dt className="text-zinc-500">Renewal</dt>
              <dd className="font-semibold" data-testid="renewal-price">
                {price}
                {offer.quantity > 1 && (
                  <span className="font-normal text-zinc-600">
                    {" "}
                    ({formatMoney(offer.unitAmount, offer.currency)} × {offer.quantity} seats)
                  </span>
                )}
              </dd>
              <dt className="text-zinc-500">New end date</dt>
              <dd data-testid="renewal-until">{formatDate(renewedUntil(updatesUntil, offer.months))}</dd>
            </>
          )}
        </dl>
        {!offer ? (
          <p className="text-sm text-zinc-600" data-testid="renewal-unavailable">
            {entitlement.status !== "active"
              ? "This purchase is no longer active, so it cannot be renewed."
              : updatesUntil === null || !tier?.updateMonths
                ? "Your updates are included forever: there is nothing to renew."
                : "The seller does not offer renewals for this tier."}
          </p>
        ) : entitlement.stripeSubscriptionId ? (
          <div className="space-y-3 rounded-lg bg-emerald-50 p-4 text-sm text-emerald-900">
            <p data-testid="renews-automatically">
              Renews automatically: {price} every {offer.months} months. A failed payment or a cancellation
              keeps what you have paid for.
            </p>
            <CancelAutoRenewalForm entitlementId={entitlement.id} until={formatDate(updatesUntil)} />
          </div>
        ) : (
          <RenewalForm
            entitlementId={entitlement.id}
            price={price!}
            automatic={
              offer.automatic
                ? `${price} now and every ${offer.months} months after; cancel here at any time.`
                : null
            }
          />
        )}
      </section>
    </div>
  );
}

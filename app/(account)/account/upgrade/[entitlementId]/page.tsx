import type { Metadata } from "next";
import Link from "next/link";
import { UpgradeOption } from "@/components/upgrade-option";
import { ownEntitlementFor } from "@/lib/account/own-entitlement";
import { activationLimitOf } from "@/lib/catalog/tiers";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Upgrade your licence", robots: { index: false } };

type Props = {
  params: Promise<{ entitlementId: string }>;
  searchParams: Promise<{ checkout?: string }>;
};

// An owner's way to a higher tier of what they bought, on the same licence key: each other tier
// with what it costs now (the difference, prorated or flat as the seller chose), its activation
// limit and its window. Anyone else's purchase (or an unknown id) is not found.
export default async function UpgradePage({ params, searchParams }: Props) {
  const { entitlementId } = await params;
  const entitlement = await ownEntitlementFor(`/account/upgrade/${entitlementId}`, entitlementId);
  const { product, tier, updatesUntil, seats } = entitlement;
  const others = tier ? product.tiers.filter((other) => other.id !== tier.id) : [];
  const active = entitlement.status === "active";
  const cancelled = (await searchParams).checkout === "cancelled";
  const pricing =
    product.upgradePricing === "prorated"
      ? "You pay the price difference for the part of your update period still to run."
      : "You pay the price difference.";

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-1">
        <p className="text-sm text-zinc-500">
          <Link href="/library" className="hover:underline">
            Your library
          </Link>{" "}
          › Upgrade
        </p>
        <h1 className="break-words text-3xl font-semibold tracking-tight">Upgrade {product.name}</h1>
        <p className="text-zinc-600">
          {tier
            ? `You have ${tier.name}${tier.perSeat ? ` with ${seats} seats` : ""}: ${
                activationLimitOf(tier.machinesPerSeat, seats) ?? "any number of"
              } machines, updates ${updatesUntil ? `until ${formatDate(updatesUntil)}` : "forever"}.`
            : "This purchase has no tier."}{" "}
          The licence key stays <span className="break-all font-mono">{entitlement.license?.key}</span>.{" "}
          {pricing}
        </p>
      </header>
      {cancelled && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-800">
          Checkout was cancelled. You were not charged.
        </p>
      )}
      {!active || !tier || others.length === 0 ? (
        <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600">
          {!active ? "This purchase is no longer active." : "There is no other tier to upgrade to."}
        </p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2" data-testid="upgrade-options">
          {others.map((other) => (
            <UpgradeOption
              key={other.id}
              entitlementId={entitlement.id}
              from={{ tier, seats, updatesUntil: updatesUntil?.toISOString() ?? null }}
              tier={other}
              pricing={product.upgradePricing}
            />
          ))}
        </div>
      )}
    </div>
  );
}

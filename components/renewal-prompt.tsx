import Link from "next/link";
import { formatDate } from "@/lib/format";

// A release that came out after the buyer's update window: what renewing gets them.
export function RenewalPrompt({
  version,
  updatesUntil,
  product,
}: {
  version: string;
  updatesUntil: Date;
  // The purchase whose window ended: its renewal page keeps the same licence key.
  product: { entitlementId: string; name: string };
}) {
  return (
    <p
      className="rounded-lg border border-indigo-100 bg-indigo-50 px-4 py-3 text-sm text-indigo-900"
      data-testid="renewal-prompt"
    >
      v{version} came out after your updates ended on {formatDate(updatesUntil)}.{" "}
      <Link href={`/account/renew/${product.entitlementId}`} className="font-medium underline">
        Renew {product.name}
      </Link>{" "}
      to download it with the same licence key.
    </p>
  );
}

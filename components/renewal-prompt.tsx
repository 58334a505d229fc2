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
  product: { slug: string; name: string };
}) {
  return (
    <p
      className="rounded-lg border border-indigo-100 bg-indigo-50 px-4 py-3 text-sm text-indigo-900"
      data-testid="renewal-prompt"
    >
      v{version} came out after your updates ended on {formatDate(updatesUntil)}.{" "}
      <Link href={`/products/${product.slug}`} className="font-medium underline">
        Renew {product.name}
      </Link>{" "}
      to download it.
    </p>
  );
}

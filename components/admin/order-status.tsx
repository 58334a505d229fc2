const TONE: Record<string, string> = {
  paid: "bg-emerald-50 text-emerald-800",
  partially_refunded: "bg-amber-50 text-amber-800",
  refunded: "bg-red-50 text-red-800",
  disputed: "bg-amber-50 text-amber-800",
  dispute_lost: "bg-red-50 text-red-800",
};

export function OrderStatusPill({ status }: { status: string }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${TONE[status] ?? "bg-zinc-100 text-zinc-700"}`}
      data-testid="order-status"
    >
      {status.replaceAll("_", " ")}
    </span>
  );
}

// What a refund asked for on the order page answers, and the metadata it carries to Stripe (read
// back by the refund webhooks for the order's history). No server code: the refund form imports it.
export type RequestedRefund = { refundId: string; amount: number; currency: string; status: string | null };

export const REFUND_METADATA = {
  order: "downlink_order",
  note: "downlink_note",
  adminId: "downlink_admin_id",
  adminEmail: "downlink_admin_email",
} as const;

// The closed sets the order forms offer; no zod here, so a client component can import them.

// Stripe's own refund reasons; the admin's words go into the note.
export const REFUND_REASONS = ["requested_by_customer", "duplicate", "fraudulent"] as const;
export const ORDER_STATUSES = ["paid", "partially_refunded", "refunded", "disputed", "dispute_lost"] as const;

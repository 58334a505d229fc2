import "server-only";
import type Stripe from "stripe";
import { fulfillInvoice } from "../fulfill-change";

// invoice.paid and invoice.payment_succeeded: Stripe sends both for one paid invoice, and an
// automatic renewal's every period is one. Fulfilment re-reads the invoice and extends the window
// once per invoice, whichever of the two (or the checkout's completion) gets there first.
export async function invoicePaid(event: Stripe.Event) {
  const invoice = event.data.object as Stripe.Invoice;
  if (!invoice.parent?.subscription_details?.metadata?.entitlement_id) return; // not a renewal
  await fulfillInvoice(invoice.id);
}

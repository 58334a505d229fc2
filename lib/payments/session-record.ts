// What an order records from a paid Checkout Session, read from Stripe's own fields: totals in
// the currency's minor unit, where and at what rate tax was charged (or reverse-charged), the
// buyer's tax ID and their withdrawal consent, the promotion code, the payment method and the invoice.
import "server-only";
import type Stripe from "stripe";

// What fulfilment retrieves, so every field below is present (the breakdown only when expanded).
export const SESSION_EXPAND = [
  "line_items",
  "total_details.breakdown",
  "discounts.promotion_code",
  "invoice",
  "payment_intent.latest_charge",
];

// "Visa •••• 4242", "Bank transfer": how the charge was paid, as a receipt names it.
function paymentMethodOf(session: Stripe.Checkout.Session) {
  const intent = session.payment_intent;
  const charge = typeof intent === "object" ? intent?.latest_charge : null;
  const details = typeof charge === "object" ? charge?.payment_method_details : null;
  if (!details) return null;
  if (details.type === "card" && details.card) {
    const brand = details.card.brand ?? "Card";
    return `${brand.charAt(0).toUpperCase()}${brand.slice(1)} •••• ${details.card.last4}`;
  }
  return details.type === "customer_balance" ? "Bank transfer" : details.type.replaceAll("_", " ");
}

// The invoice Checkout made (invoice_creation), once it has a number.
function invoiceOf(session: Stripe.Checkout.Session) {
  const invoice = typeof session.invoice === "object" ? session.invoice : null;
  return {
    invoiceNumber: invoice?.number ?? null,
    invoiceUrl: invoice?.hosted_invoice_url ?? null,
    invoicePdfUrl: invoice?.invoice_pdf ?? null,
  };
}

// The promotion code the buyer entered on Stripe's page, if any (expanded, so its code is there).
export function promotionCodeOf(session: Stripe.Checkout.Session) {
  const code = session.discounts?.find((discount) => discount.promotion_code)?.promotion_code;
  if (!code) return null;
  return typeof code === "string" ? { id: code, code: null } : { id: code.id, code: code.code };
}

export function saleRecordOf(session: Stripe.Checkout.Session) {
  const details = session.customer_details;
  const totals = session.total_details;
  const taxes = totals?.breakdown?.taxes ?? [];
  const charged = taxes.find((tax) => tax.amount > 0) ?? taxes[0];
  const reverseCharge =
    details?.tax_exempt === "reverse" || taxes.some((tax) => tax.taxability_reason === "reverse_charge");
  const taxId = details?.tax_ids?.[0];
  return {
    amountSubtotal: session.amount_subtotal ?? session.amount_total ?? 0,
    amountDiscount: totals?.amount_discount ?? 0,
    amountTax: totals?.amount_tax ?? 0,
    amountTotal: session.amount_total ?? 0,
    currency: session.currency ?? "usd",
    taxCountry: charged?.rate.country ?? details?.address?.country ?? null,
    // Stripe gives the rate as a decimal percentage (19, 6.5); basis points keep it an integer.
    taxRateBasisPoints: charged && !reverseCharge ? Math.round(charged.rate.percentage * 100) : null,
    taxReverseCharge: reverseCharge,
    customerTaxId: taxId ? `${taxId.type} ${taxId.value}` : null,
    withdrawalConsentAt: session.consent?.terms_of_service === "accepted" ? new Date() : null,
    promotionCode: promotionCodeOf(session)?.code ?? null,
    paymentMethod: paymentMethodOf(session),
    ...invoiceOf(session),
  };
}

export type SaleRecord = ReturnType<typeof saleRecordOf>;

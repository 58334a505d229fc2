// The Checkout features a session asks for (Stripe's own parameters, echoed back on the session
// as Stripe does: tax, tax IDs, consent, invoice creation) and what the pay page then requires of
// the buyer: a billing address for automatic tax, an optional business tax ID, and the consent.
import { ApiError, asObject, asString, metadataOf, oneOf, type Form } from "./checkout-form";
import { taxIdFor, TAX_COUNTRIES, type TaxAddress, type TaxId } from "./checkout-tax";

const enabled = (value: unknown) => asObject(value)?.enabled === "true";

export function sessionOptions(form: Form) {
  const consent = asObject(form.consent_collection);
  const tos =
    consent?.terms_of_service === undefined
      ? "none"
      : oneOf(consent.terms_of_service, "consent_collection[terms_of_service]", [
          "required",
          "none",
        ] as const);
  const tosText = asString(asObject(asObject(form.custom_text)?.terms_of_service_acceptance)?.message);
  const automaticTax = enabled(form.automatic_tax);
  const invoiceData = asObject(asObject(form.invoice_creation)?.invoice_data);
  return {
    invoice_creation: {
      enabled: enabled(form.invoice_creation),
      invoice_data: {
        account_tax_ids: null,
        custom_fields: null,
        description: asString(invoiceData?.description) ?? null,
        footer: asString(invoiceData?.footer) ?? null,
        issuer: null,
        metadata: metadataOf(invoiceData?.metadata),
        rendering_options: null,
      },
    },
    invoice: null as string | null,
    automatic_tax: {
      enabled: automaticTax,
      liability: null,
      status: automaticTax ? "requires_location_inputs" : null,
    },
    billing_address_collection:
      form.billing_address_collection === undefined
        ? "auto"
        : oneOf(form.billing_address_collection, "billing_address_collection", ["auto", "required"] as const),
    tax_id_collection: { enabled: enabled(form.tax_id_collection), required: "never" },
    consent_collection: { terms_of_service: tos, promotions: null, payment_method_reuse_agreement: null },
    consent: null as { terms_of_service: "accepted"; promotions: null } | null,
    custom_text: {
      terms_of_service_acceptance: tosText ? { message: tosText } : null,
      after_submit: null,
      shipping_address: null,
      submit: null,
    },
  };
}
export type SessionOptions = ReturnType<typeof sessionOptions>;

// What the buyer entered on the pay page, checked against what the session asked for.
export type BuyerInput = {
  country?: string;
  state?: string;
  taxId?: string;
  consent?: boolean;
  quantity?: number;
  promotionCode?: string;
};
export type BuyerDetails = { address: TaxAddress | null; taxId: TaxId | null; consented: boolean };

export function buyerDetails(options: SessionOptions, input: BuyerInput): BuyerDetails {
  const needsAddress = options.automatic_tax.enabled || options.billing_address_collection === "required";
  const country = input.country?.toUpperCase();
  if (needsAddress && !country) throw new ApiError(400, "Choose your country.", "address");
  if (country && !TAX_COUNTRIES.includes(country))
    throw new ApiError(400, "Choose a country from the list.", "address");
  const state = country === "US" ? input.state?.trim().toUpperCase() || null : null;
  if (country === "US" && !state) throw new ApiError(400, "Enter your state.", "address");
  if (options.consent_collection.terms_of_service === "required" && !input.consent)
    throw new ApiError(400, "Agree to the terms to continue.", "consent");
  const taxId = options.tax_id_collection.enabled && country ? taxIdFor(input.taxId, country) : null;
  return { address: country ? { country, state } : null, taxId, consented: Boolean(input.consent) };
}

// Stripe's customer_details once the buyer has paid.
export const customerDetails = (email: string, buyer: BuyerDetails, reverse: boolean) => ({
  email,
  name: null,
  phone: null,
  address: buyer.address && {
    country: buyer.address.country,
    state: buyer.address.state,
    city: null,
    line1: null,
    line2: null,
    postal_code: null,
  },
  tax_exempt: reverse ? "reverse" : "none",
  tax_ids: buyer.taxId ? [buyer.taxId] : [],
});

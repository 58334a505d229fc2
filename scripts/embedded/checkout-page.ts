// HTML for the local checkout stand-in's hosted payment page (see checkout.ts).
// Self-contained on purpose: inline CSS and system fonts, so it renders offline.
// Amounts are shown with the store's own currency table (lib/money.ts), not Intl's defaults:
// Stripe counts ISK and HUF in hundredths, where Intl assumes whole units.
import { formatMoney } from "../../lib/money";

export type PageItem = {
  description: string;
  quantity: number;
  amountTotal: number;
  adjustable: { minimum: number; maximum: number } | null;
};

export type PageInput = {
  sessionId: string;
  merchant: string | null; // branding_settings.display_name, as the store sent it
  buttonColor: string | null; // branding_settings.button_color, a checked #rrggbb

  currency: string;
  amountTotal: number;
  amountSubtotal: number;
  amountDiscount: number;
  // Stripe's allow_promotion_codes: a code field, and the code applied so far.
  promotionCodes: boolean;
  appliedCode: string | null;
  typedCode: string | null;
  email: string | null;
  cancelUrl: string | null;
  collectAddress: boolean;
  collectTaxId: boolean;
  consentText: string | null;
  items: PageItem[];
  error?: string;
};

export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Shared with the local dashboard (checkout-dashboard.ts) so both pages look alike.
export const baseCss = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1f36;background:#f6f8fa}
.banner{background:#fff4d6;color:#6b4e00;border-bottom:1px solid #f0d68a;text-align:center;padding:10px 16px;font-weight:600}
.error{background:#fdecea;color:#a41c1c;border-radius:6px;padding:8px 12px;margin:0 0 12px}
`;

const css = `${baseCss}
main{max-width:440px;margin:40px auto;padding:0 16px}
.card{background:#fff;border:1px solid #e3e8ee;border-radius:12px;padding:28px;box-shadow:0 2px 12px rgba(26,31,54,.06)}
.merchant{font-weight:600;color:#4f566b;margin:0 0 4px}
.total{font-size:32px;font-weight:700;margin:0 0 20px}
ul{list-style:none;margin:0 0 20px;padding:0;border-top:1px solid #e3e8ee}
li{display:flex;justify-content:space-between;gap:12px;padding:10px 0;border-bottom:1px solid #e3e8ee}
.qty{color:#697386;font-size:13px}
label{display:block;font-weight:600;font-size:13px;color:#4f566b;margin:14px 0 6px}
input{width:100%;padding:10px 12px;font:inherit;border:1px solid #cfd7df;border-radius:6px}
input:focus{outline:2px solid #635bff;outline-offset:-1px;border-color:#635bff}
.hint{color:#697386;font-size:12px;margin:4px 0 0}
button{width:100%;margin-top:22px;padding:12px;font:inherit;font-weight:600;color:#fff;background:#635bff;border:0;border-radius:6px;cursor:pointer}
button:hover{background:#4b45c6}
.or{display:flex;align-items:center;gap:10px;margin:18px 0 0;color:#697386;font-size:13px}
.or::before,.or::after{content:"";flex:1;border-top:1px solid #e3e8ee}
button.secondary{margin-top:14px;color:#635bff;background:#fff;border:1px solid #cfd7df}
button.secondary:hover{background:#f6f8fa}
.cancel{display:block;text-align:center;margin-top:14px;color:#697386}
select{width:100%;padding:10px 12px;font:inherit;border:1px solid #cfd7df;border-radius:6px;background:#fff}
label.consent{display:flex;gap:8px;align-items:flex-start;font-weight:400;margin-top:16px}
label.consent input{width:auto;margin-top:4px}
.code{display:flex;gap:8px}
.code button{width:auto;margin:0;padding:10px 16px}
`;

export function renderCheckoutPage(page: PageInput): string {
  const money = (amount: number) => escapeHtml(formatMoney(amount, page.currency));
  const items = page.items
    .map(
      (item) =>
        `<li><span>${escapeHtml(item.description)}` +
        (item.quantity > 1 ? ` <span class="qty">× ${item.quantity}</span>` : "") +
        `</span><span>${money(item.amountTotal)}</span></li>`,
    )
    .join("");
  const total = money(page.amountTotal);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Pay ${total} · ${escapeHtml(page.merchant ?? "Downlink")} (local checkout)</title>
<style>${css}${page.buttonColor ? `button:not(.secondary){background:${page.buttonColor}}` : ""}</style>
</head>
<body>
<div class="banner" role="note">Local test checkout — no real payment is made.</div>
<main>
<div class="card">
<p class="merchant">${escapeHtml(page.merchant ?? "Downlink")} (local checkout)</p>
<p class="total">${total}</p>
<ul>${items}${discountLines(page, money)}</ul>
<form method="post" action="/pay/${escapeHtml(page.sessionId)}">
${page.error ? `<p class="error" role="alert">${escapeHtml(page.error)}</p>` : ""}
${quantityField(page.items[0])}
${promotionCodeField(page)}
<label for="email">Email</label>
<input id="email" name="email" type="email" required autocomplete="email" value="${escapeHtml(page.email ?? "")}">
${buyerFields(page)}
<label for="card">Card information</label>
<input id="card" name="card" inputmode="numeric" value="4242 4242 4242 4242" readonly>
<p class="hint">Test card — nothing is charged.</p>
${page.consentText ? `<label class="consent"><input type="checkbox" name="consent" value="accepted" required> ${escapeHtml(page.consentText)}</label>` : ""}
<button type="submit" name="method" value="card">Pay ${total}</button>
<p class="or">or</p>
<button type="submit" name="method" value="bank_transfer" class="secondary">Pay by bank transfer (settles later)</button>
</form>
${page.cancelUrl ? `<a class="cancel" href="${escapeHtml(page.cancelUrl)}">Cancel</a>` : ""}
</div>
</main>
</body>
</html>`;
}

// Subtotal and the code's discount, once a code is applied (tax follows from the billing address).
function discountLines(page: PageInput, money: (amount: number) => string) {
  if (!page.appliedCode) return "";
  return (
    `<li><span>Subtotal</span><span>${money(page.amountSubtotal)}</span></li>` +
    `<li data-testid="discount"><span>Discount <span class="qty">${escapeHtml(page.appliedCode)}</span></span>` +
    `<span>−${money(page.amountDiscount)}</span></li>`
  );
}

// Stripe's "Add promotion code": applied without paying, so it skips the other fields' checks.
function promotionCodeField(page: PageInput) {
  if (!page.promotionCodes) return "";
  const value = page.typedCode ?? page.appliedCode ?? "";
  return `<label for="promotion_code">Promotion code</label>
<div class="code"><input id="promotion_code" name="promotion_code" autocomplete="off" value="${escapeHtml(value)}">
<button type="submit" name="method" value="apply" formnovalidate class="secondary">Apply</button></div>`;
}

// Stripe's adjustable quantity: the buyer may change it here, within the seller's range.
function quantityField(item: PageItem | undefined) {
  if (!item?.adjustable) return "";
  const { minimum, maximum } = item.adjustable;
  return `<label for="quantity">Quantity</label>
<input id="quantity" name="quantity" type="number" min="${minimum}" max="${maximum}" value="${item.quantity}">`;
}

const COUNTRIES: [string, string][] = [
  ["DE", "Germany"],
  ["FR", "France"],
  ["IE", "Ireland"],
  ["NL", "Netherlands"],
  ["GB", "United Kingdom"],
  ["US", "United States"],
  ["HK", "Hong Kong"],
];

// Billing country (and US state) for tax, and a business's VAT or GST number.
function buyerFields(page: PageInput) {
  const address = page.collectAddress
    ? `<label for="country">Country</label>
<select id="country" name="country" required autocomplete="country"><option value="">Choose…</option>${COUNTRIES.map(([code, name]) => `<option value="${code}">${name}</option>`).join("")}</select>
<label for="state">State (United States only)</label>
<input id="state" name="state" autocomplete="address-level1" placeholder="WA">
<p class="hint">Tax is calculated from your billing address.</p>`
    : "";
  const taxId = page.collectTaxId
    ? `<label for="tax_id">VAT number (businesses, optional)</label>
<input id="tax_id" name="tax_id" placeholder="DE123456789">`
    : "";
  return address + taxId;
}

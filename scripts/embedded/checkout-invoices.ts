// The invoice Stripe Checkout makes for a paid session when asked (`invoice_creation`), as the
// stand-in imitates it: the Invoice object (number, hosted_invoice_url, invoice_pdf, totals, the
// buyer's tax IDs), its hosted page and its PDF. Amounts are formatted with the store's own
// currency table (lib/money.ts), as on the pay page.
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";
import { formatMoney } from "../../lib/money";
import { newId, now } from "./checkout-form";
import type { LineItem } from "./checkout-items";
import { baseCss, escapeHtml } from "./checkout-page";

type SessionView = {
  id: string;
  currency: string;
  amount_subtotal: number;
  amount_total: number;
  payment_status: string;
  customer_details: {
    email: string;
    address: { country: string | null } | null;
    tax_exempt: string;
    tax_ids: { type: string; value: string }[];
  } | null;
  total_details: { amount_discount: number; amount_tax: number; breakdown: { taxes: TaxLine[] } };
  invoice_creation: {
    enabled: boolean;
    invoice_data: { footer: string | null; metadata: Record<string, string> };
  };
};
type TaxLine = { amount: number; rate: { percentage: number; country: string }; taxability_reason: string };

export function createInvoices(baseUrl: () => string) {
  const invoices = new Map<string, ReturnType<typeof invoiceFor>>();
  // What the page and the PDF print for each tax line ("Tax 19 % (DE)"), kept beside the invoice.
  const taxLabels = new Map<string, string[]>();
  let sequence = 0;

  function invoiceFor(session: SessionView, items: LineItem[]) {
    const id = newId("in");
    const details = session.customer_details;
    const totals = session.total_details;
    return {
      id,
      object: "invoice" as const,
      number: `DLTEST-${String(++sequence).padStart(4, "0")}`,
      status: session.payment_status === "paid" ? ("paid" as const) : ("open" as const),
      currency: session.currency,
      subtotal: session.amount_subtotal,
      total: session.amount_total,
      amount_due: session.amount_total,
      amount_paid: session.payment_status === "paid" ? session.amount_total : 0,
      total_discount_amounts: totals.amount_discount ? [{ amount: totals.amount_discount }] : [],
      total_taxes: totals.breakdown.taxes.map((tax) => ({
        amount: tax.amount,
        taxability_reason: tax.taxability_reason,
        type: "tax_rate_details" as const,
        tax_rate_details: { tax_rate: `txr_test_${tax.rate.country}` },
      })),
      customer_email: details?.email ?? null,
      customer_address: details?.address ?? null,
      customer_tax_exempt: details?.tax_exempt ?? "none",
      customer_tax_ids: details?.tax_ids ?? [],
      lines: {
        object: "list" as const,
        has_more: false,
        data: items.map((item) => ({
          id: newId("il"),
          object: "line_item" as const,
          description: item.description,
          quantity: item.quantity,
          amount: item.amount_subtotal,
          currency: item.currency,
        })),
      },
      footer: session.invoice_creation.invoice_data.footer,
      metadata: session.invoice_creation.invoice_data.metadata,
      hosted_invoice_url: `${baseUrl()}/invoice/${id}`,
      invoice_pdf: `${baseUrl()}/invoice/${id}/pdf`,
      created: now(),
      livemode: false,
    };
  }
  type Invoice = ReturnType<typeof invoiceFor>;

  // The rows both the page and the PDF show.
  function summary(invoice: Invoice): [string, string][] {
    const money = (amount: number) => formatMoney(amount, invoice.currency);
    const discount = invoice.total_discount_amounts[0]?.amount ?? 0;
    const reverse = invoice.customer_tax_exempt === "reverse";
    return [
      ...invoice.lines.data.map((line): [string, string] => [
        `${line.description} × ${line.quantity}`,
        money(line.amount),
      ]),
      ["Subtotal", money(invoice.subtotal)],
      ...(discount ? [["Discount", `-${money(discount)}`] as [string, string]] : []),
      ...invoice.total_taxes.map((tax, i): [string, string] => [
        reverse
          ? "Reverse charge: VAT to be accounted for by the recipient"
          : (taxLabels.get(invoice.id)?.[i] ?? "Tax"),
        money(tax.amount),
      ]),
      ["Total", money(invoice.total)],
      ["Amount paid", money(invoice.amount_paid)],
    ];
  }

  const billedTo = (invoice: Invoice) =>
    [
      invoice.customer_email,
      invoice.customer_address?.country,
      ...invoice.customer_tax_ids.map((taxId) => `${taxId.type} ${taxId.value}`),
    ].filter(Boolean) as string[];

  function page(invoice: Invoice) {
    const rows = summary(invoice)
      .map(
        ([label, value]) =>
          `<tr><td>${escapeHtml(label)}</td><td class="amount">${escapeHtml(value)}</td></tr>`,
      )
      .join("");
    return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Invoice ${invoice.number} · Downlink (local checkout)</title>
<style>${baseCss}main{max-width:560px;margin:24px 12px;background:#fff;border:1px solid #e3e8ee;border-radius:12px;padding:24px}
@media(min-width:600px){main{margin:40px auto}}h1{font-size:24px;margin:0 0 12px}
table{width:100%;border-collapse:collapse}td{padding:8px 0;border-bottom:1px solid #e3e8ee}.amount{text-align:right}</style></head>
<body><div class="banner" role="note">Local test invoice — no real payment was made.</div>
<main><h1>Invoice ${escapeHtml(invoice.number)}</h1>
<p>Status: ${invoice.status} · ${new Date(invoice.created * 1000).toISOString().slice(0, 10)}</p>
<p>Billed to: ${billedTo(invoice).map(escapeHtml).join(" · ")}</p>
<table>${rows}</table>
${invoice.footer ? `<p>${escapeHtml(invoice.footer)}</p>` : ""}
<p><a href="${escapeHtml(invoice.invoice_pdf)}">Download the PDF</a></p></main></body></html>`;
  }

  async function pdf(invoice: Invoice) {
    const doc = await PDFDocument.create();
    doc.setTitle(`Invoice ${invoice.number}`);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const sheet = doc.addPage([595, 842]); // A4, in points
    let y = 780;
    const write = (text: string, x = 50, size = 11) =>
      sheet.drawText(encodable(font, text), { x, y, size, font });
    write(`Invoice ${invoice.number}`, 50, 20);
    y -= 30;
    write(`Status: ${invoice.status}   Date: ${new Date(invoice.created * 1000).toISOString().slice(0, 10)}`);
    y -= 18;
    write(`Billed to: ${billedTo(invoice).join(", ")}`);
    y -= 30;
    for (const [label, value] of summary(invoice)) {
      write(label);
      write(value, 430);
      y -= 18;
    }
    if (invoice.footer) {
      y -= 12;
      write(invoice.footer, 50, 9);
    }
    return Buffer.from(await doc.save());
  }

  return {
    create(session: SessionView, items: LineItem[]) {
      const invoice = invoiceFor(session, items);
      invoices.set(invoice.id, invoice);
      const taxes = session.total_details.breakdown.taxes;
      taxLabels.set(
        invoice.id,
        taxes.map((tax) => `Tax ${tax.rate.percentage} % (${tax.rate.country})`),
      );
      return invoice;
    },
    markPaid(id: string) {
      const invoice = invoices.get(id);
      if (invoice) Object.assign(invoice, { status: "paid", amount_paid: invoice.total });
    },
    get: (id: string) => invoices.get(id),
    page,
    pdf,
  };
}

// The PDF's standard font covers Windows-1252 only: a sign it cannot draw (₩, −) becomes its nearest.
function encodable(font: PDFFont, text: string) {
  return [...text]
    .map((char) => {
      try {
        font.encodeText(char);
        return char;
      } catch {
        return char === "−" ? "-" : "?";
      }
    })
    .join("");
}

export type Invoices = ReturnType<typeof createInvoices>;

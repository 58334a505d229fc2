// The receipt, from the order alone: every line the order has, the licence keys, the invoice. The
// outbox (lib/notifications/outbox.ts) sends it; amounts are the currency's minor unit until here.
import { Fragment } from "react";
import { formatDate } from "../../format";
import { formatMoney } from "../../money";
import { Button, Details, Heading, Link, Paragraph, Row } from "../components/blocks";
import { accentOf, EmailLayout } from "../components/email-layout";
import { defineEmail } from "./email-template";

export type ReceiptView = {
  number: number;
  createdAt: Date;
  email: string;
  currency: string;
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  amountTotal: number;
  promotionCode: string | null;
  taxCountry: string | null;
  taxRateBasisPoints: number | null;
  taxReverseCharge: boolean;
  customerTaxId: string | null;
  paymentMethod: string | null;
  invoiceNumber: string | null;
  invoiceUrl: string | null;
  invoicePdfUrl: string | null;
  items: { product: string; tier: string | null; seats: number; licenseKey: string | null }[];
};
export type ReceiptEmail = { order: ReceiptView; supportEmail: string };

const itemName = (item: ReceiptView["items"][number]) =>
  `${item.product}${item.tier ? ` (${item.tier})` : ""}${item.seats > 1 ? `, ${item.seats} seats` : ""}`;

// "Tax 19 % (DE)", "Tax (reverse charge, VAT ID DE123…)", or nothing when no tax was computed.
function taxLabel(order: ReceiptView) {
  if (order.taxReverseCharge)
    return `Tax (reverse charge${order.customerTaxId ? `, VAT ID ${order.customerTaxId.split(" ").pop()}` : ""})`;
  if (order.taxRateBasisPoints === null) return order.amountTax > 0 ? "Tax" : null;
  const rate = `${order.taxRateBasisPoints / 100} %`;
  return `Tax ${rate}${order.taxCountry ? ` (${order.taxCountry})` : ""}`;
}

function OrderLines({ order }: { order: ReceiptView }) {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const tax = taxLabel(order);
  return (
    <Details>
      <Row label="Order" value={String(order.number)} />
      <Row label="Date" value={formatDate(order.createdAt)} />
      {order.items.map((item, index) => (
        <Fragment key={index}>
          <Row label={itemName(item)} kind="heading" />
          {item.licenseKey && <Row label="Licence key" value={item.licenseKey} kind="code" />}
        </Fragment>
      ))}
      <Row label="Subtotal" value={money(order.amountSubtotal)} kind="amount" />
      {order.amountDiscount > 0 && (
        <Row
          label={`Discount${order.promotionCode ? ` (${order.promotionCode})` : ""}`}
          value={`−${money(order.amountDiscount)}`}
          kind="amount"
        />
      )}
      {tax && <Row label={tax} value={money(order.amountTax)} kind="amount" />}
      <Row label="Total" value={money(order.amountTotal)} kind="total" />
      {order.paymentMethod && <Row label="Paid with" value={order.paymentMethod} />}
    </Details>
  );
}

export const receiptEmail = defineEmail<ReceiptEmail>({
  subject: ({ order }, brand) =>
    `Your ${brand.name} receipt: ${order.items.map((item) => item.product).join(", ")}`,
  Email: ({ brand, order, supportEmail }) => (
    <EmailLayout
      brand={brand}
      preview={`Order ${order.number}: ${formatMoney(order.amountTotal, order.currency)}`}
    >
      <Heading>Thank you for your purchase</Heading>
      <OrderLines order={order} />
      {order.invoiceUrl && (
        <Details>
          <Row
            label={`Invoice ${order.invoiceNumber ?? ""}`}
            value={<Link href={order.invoiceUrl}>View online</Link>}
          />
          {order.invoicePdfUrl && (
            <Row label="Invoice PDF" value={<Link href={order.invoicePdfUrl}>Download</Link>} />
          )}
        </Details>
      )}
      <Paragraph>Download every release from your library. Sign in with {order.email}.</Paragraph>
      <Button href={`${brand.appUrl}/library`} accent={accentOf(brand)}>
        Open your library
      </Button>
      <Paragraph muted>
        Questions? Write to <Link href={`mailto:${supportEmail}`}>{supportEmail}</Link>.
      </Paragraph>
    </EmailLayout>
  ),
});

import { requireAdmin } from "@/lib/auth/admin";
import { csvRow } from "@/lib/csv";
import { allOrders, orderItem, type ListedOrder } from "@/lib/dal/admin-orders";
import { failureResponse } from "@/lib/http/answers";
import { priceInputValue } from "@/lib/money";
import { failure } from "@/lib/result";
import { contextFromHeaders } from "@/lib/request-context";
import { orderFilters } from "@/lib/schemas/orders";

const HEAD = [
  "order",
  "date (UTC)",
  "email",
  "product",
  "tier",
  "seats",
  "kind",
  "status",
  "currency",
  "subtotal",
  "discount",
  "tax",
  "total",
  "refunded",
  "promotion code",
  "invoice",
  "tax country",
];

// Amounts in major units, exactly as lib/money.ts writes them ("19.99", "1900"), with the currency
// beside them: a spreadsheet never sums two currencies by accident of formatting.
function cells(order: ListedOrder) {
  const money = (amount: number) => priceInputValue(amount, order.currency);
  const item = orderItem(order);
  return [
    order.number,
    order.createdAt.toISOString().replace("T", " ").slice(0, 19),
    order.email,
    item?.product.name,
    item?.tier?.name,
    item?.seats,
    order.kind,
    order.status,
    order.currency.toUpperCase(),
    money(order.amountSubtotal),
    money(order.amountDiscount),
    money(order.amountTax),
    money(order.amountTotal),
    money(order.amountRefunded),
    order.promotionCode,
    order.invoiceNumber,
    order.taxCountry,
  ];
}

// GET /admin/orders/export?q=&product=&tier=&status=: the orders the list shows, as CSV, streamed
// in pages of 500 so a large store never holds all its orders in memory. Admins only.
export async function GET(request: Request) {
  const check = await requireAdmin("GET /admin/orders/export", () => contextFromHeaders(request.headers).ip);
  if (check.status === "error") return failureResponse(check);
  const parsed = orderFilters.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return failureResponse(failure("invalid_input", "These filters are not valid."));
  const { q, product, tier, status } = parsed.data;
  const pages = allOrders({
    q,
    productId: product || undefined,
    tierId: tier || undefined,
    status: status || undefined,
  });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(encoder.encode(csvRow(HEAD))),
    async pull(controller) {
      const page = await pages.next();
      if (page.done) return controller.close();
      controller.enqueue(encoder.encode(page.value.map((order) => csvRow(cells(order))).join("")));
    },
    cancel: () => void pages.return(undefined),
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="orders-${new Date().toISOString().slice(0, 10)}.csv"`,
      "cache-control": "no-store",
    },
  });
}

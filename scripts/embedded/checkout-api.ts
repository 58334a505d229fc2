// The stand-in's JSON endpoints: the slice of Stripe's /v1 API the app calls, and the admin
// actions (refund, dispute, settle) that tests, scripts and the dashboard use to make
// Stripe send the events a real payment's later life would.
import { ApiError, asStrings, asString, type Form } from "./checkout-form";
import { itemList } from "./checkout-items";
import { createdFilter, paginate, typeMatcher } from "./checkout-lists";
import type { Store } from "./checkout-store";

const unrecognized = (method: string, path: string) =>
  new ApiError(404, `Unrecognized request URL (${method}: ${path}).`);

function retrieve<T extends { id: string }>(items: T[], id: string, kind: string): T {
  const found = items.find((item) => item.id === id);
  if (!found) throw new ApiError(404, `No such ${kind}: '${id}'`, "id", "resource_missing");
  return found;
}

function listSessions(store: Store, path: string, form: Form) {
  const paymentIntent = asString(form.payment_intent);
  const status = asString(form.status);
  const created = createdFilter(form.created);
  const sessions = store.purchases().map((p) => p.session);
  return paginate(
    path,
    sessions,
    form,
    (s) =>
      (!paymentIntent || s.payment_intent === paymentIntent) &&
      (!status || s.status === status) &&
      created(s.created),
    "checkout.session",
  );
}

function listEvents(store: Store, path: string, form: Form) {
  const type = asString(form.type);
  const types = form.types === undefined ? undefined : asStrings(form.types);
  if (type && types) throw new ApiError(400, "You may only specify one of these parameters: type, types.");
  if (types && types.length > 20) throw new ApiError(400, "You may pass at most 20 types.", "types");
  const matchesType = type ? typeMatcher(type) : types ? (t: string) => types.includes(t) : () => true;
  const created = createdFilter(form.created);
  return paginate(path, store.events(), form, (e) => matchesType(e.type) && created(e.created), "event");
}

// Stripe leaves total_details.breakdown out unless it is expanded.
function withBreakdown(session: object, expand: string[], prefix = "") {
  if (expand.includes(`${prefix}total_details.breakdown`)) return session;
  const { total_details, ...rest } = session as { total_details?: { breakdown?: unknown } };
  if (!total_details) return session;
  const { breakdown: _, ...details } = total_details;
  return { ...rest, total_details: details };
}

// Stripe leaves a session's discounts' promotion codes as ids unless they are expanded.
function withPromotionCodes(store: Store, session: object, expand: string[]) {
  const { discounts } = session as { discounts?: { promotion_code: string | null }[] };
  if (!expand.includes("discounts.promotion_code") || !discounts?.length) return session;
  return {
    ...session,
    discounts: discounts.map((d) => ({
      ...d,
      promotion_code:
        d.promotion_code && store.catalog.api("GET", `/v1/promotion_codes/${d.promotion_code}`, {}, []),
    })),
  };
}

// `invoice` and `payment_intent` (with its `latest_charge`) are ids unless expanded.
function withPayment(store: Store, session: object, expand: string[]) {
  const { invoice, payment_intent: intent } = session as { invoice?: string | null; payment_intent?: string };
  const purchase = store.purchases().find((p) => p.session.payment_intent === intent);
  const charge = purchase?.charge ?? null;
  const wantsIntent = expand.some((path) => path === "payment_intent" || path.startsWith("payment_intent."));
  return {
    ...session,
    ...(invoice &&
      expand.includes("invoice") && {
        invoice: invoiceView(store.invoices.get(invoice), expand.includes("invoice.payments")) ?? invoice,
      }),
    ...(intent &&
      wantsIntent && {
        payment_intent: {
          id: intent,
          object: "payment_intent",
          amount: purchase?.session.amount_total,
          currency: purchase?.session.currency,
          status: charge ? "succeeded" : "processing",
          latest_charge: expand.includes("payment_intent.latest_charge") ? charge : (charge?.id ?? null),
          livemode: false,
        },
      }),
  };
}

// An invoice's `payments` are includable: Stripe lists them only when they are expanded.
function invoiceView<T extends object>(invoice: T | undefined, withPayments: boolean) {
  if (!invoice || withPayments || !("payments" in invoice)) return invoice;
  const { payments: _, ...rest } = invoice;
  return rest;
}

export async function v1(store: Store, method: string, path: string, form: Form): Promise<unknown> {
  const expand = asStrings(form.expand);
  const subscription = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
  if (subscription && method === "DELETE")
    return store.cancelSubscription(decodeURIComponent(subscription[1]));
  if (subscription && method === "GET") return store.subscriptions.get(decodeURIComponent(subscription[1]));
  if (path === "/v1/checkout/sessions" && method === "POST")
    return withBreakdown(store.createSession(form), []);
  if (path === "/v1/refunds" && method === "POST") return store.refunds.create(form);
  if (path === "/v1/refunds" && method === "GET")
    return paginate(path, store.refunds.list(form), form, () => true, "refund");
  const catalog = store.catalog.api(method, path, form, expand);
  if (catalog !== undefined) return catalog;
  if (method !== "GET") throw unrecognized(method, path);
  if (path === "/v1/checkout/sessions") return listSessions(store, path, form);
  if (path === "/v1/events") return listEvents(store, path, form);
  const session = /^\/v1\/checkout\/sessions\/([^/]+)(\/line_items)?$/.exec(path);
  if (session) {
    const { session: found, items } = store.find(decodeURIComponent(session[1]));
    if (session[2]) return itemList(path, items, expand.includes("data.price.product"));
    const withProducts = expand.includes("line_items.data.price.product");
    const shown = withPayment(store, withPromotionCodes(store, withBreakdown(found, expand), expand), expand);
    if (!withProducts && !expand.includes("line_items")) return shown;
    return { ...shown, line_items: itemList(`${path}/line_items`, items, withProducts) };
  }
  const single = /^\/v1\/(events|charges|disputes|invoices|refunds)\/([^/]+)$/.exec(path);
  if (single) {
    const id = decodeURIComponent(single[2]);
    if (single[1] === "refunds") return store.refunds.get(id);
    if (single[1] === "invoices") {
      const invoice = store.invoices.get(id);
      if (!invoice) throw new ApiError(404, `No such invoice: '${id}'`, "id", "resource_missing");
      return invoiceView(invoice, expand.includes("payments"));
    }
    if (single[1] === "events") return retrieve(store.events(), id, "event");
    if (single[1] === "charges") return retrieve(store.charges(), id, "charge");
    return retrieve(store.disputes(), id, "dispute");
  }
  throw unrecognized(method, path);
}

// `path` is relative to the admin prefix: `/sessions/:id/refund`, `/disputes/:id/close`, ...
export async function adminAction(store: Store, method: string, path: string, form: Form) {
  // `/subscriptions/:id/bill` (outcome paid|failed): the next period's invoice, as the cycle bills it.
  // `/invoices/:id/refund`: a subscription invoice's charge refunded, like a checkout's.
  const billing = /^\/(subscriptions|invoices)\/([^/]+)\/(bill|refund)$/.exec(path);
  if (method === "POST" && billing?.[1] === "subscriptions" && billing[3] === "bill")
    return { event: await store.billSubscription(decodeURIComponent(billing[2]), form) };
  if (method === "POST" && billing?.[1] === "invoices" && billing[3] === "refund")
    return { event: await store.refundInvoice(decodeURIComponent(billing[2]), form) };
  const match = /^\/(sessions|disputes)\/([^/]+)\/(refund|dispute|settle|close)$/.exec(path);
  if (method !== "POST" || !match) throw unrecognized(method, path);
  const [, kind, rawId, action] = match;
  const id = decodeURIComponent(rawId);
  if (kind === "disputes" && action === "close") return { event: await store.closeDispute(id, form) };
  if (kind === "sessions" && action === "refund") return { event: await store.refund(id, form) };
  if (kind === "sessions" && action === "dispute") return { event: await store.openDispute(id) };
  if (kind === "sessions" && action === "settle") return { event: await store.settle(id, form) };
  throw unrecognized(method, path);
}

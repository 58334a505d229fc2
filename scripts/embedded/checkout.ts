// Local stand-in for Stripe's hosted Checkout and the slice of its API the app uses, so the
// store can sell offline in dev and tests. The app talks to it with the real Stripe SDK
// (host/port/protocol options); webhooks are signed with the SDK's own test-header helper,
// so the app's signature check runs unchanged. Dev/test only: state lives in memory.
import { randomBytes } from "node:crypto";
import { realpathSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import Stripe from "stripe";
import { embeddedStripe, profiles } from "../../lib/embedded-defaults";
import { renderCheckoutPage } from "./checkout-page";

export type CheckoutOptions = { port: number; secretKey: string; webhookSecret: string; webhookUrl: string };
export type RunningService = { name: string; url: string; stop(): Promise<void> };

type Product = { id: string; object: "product"; name: string; metadata: Record<string, string> };
type LineItem = ReturnType<typeof parseLineItems>[number];
type Session = Record<string, unknown> & {
  id: string;
  status: string;
  success_url: string;
  cancel_url: string | null;
};
type SentEvent = {
  event: Record<string, unknown>;
  delivered: boolean;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
};

const API_VERSION = "2026-10-28.endive"; // what stripe 23.1 pins; events claim the same
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];
const REDIRECT_WAIT_MS = 5000; // give the first delivery a chance so the success page sees the order paid
const MAX_BODY = 1 << 20;

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const newId = (prefix: string) =>
  `${prefix}_test_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
const now = () => Math.floor(Date.now() / 1000);
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

// Turns Stripe's bracket-keyed form encoding (`a[0][b]=1`, `expand[]=x`) into nested
// objects, then objects whose keys are all indices into arrays.
export function parseForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) continue;
    const path = [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])];
    if (path.some((segment) => UNSAFE_KEYS.has(segment))) continue;
    let node = root;
    path.forEach((segment, i) => {
      const name = segment === "" ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) node[name] = value;
      else
        node = (typeof node[name] === "object" ? node[name] : (node[name] = {})) as Record<string, unknown>;
    });
  }
  const arrayify = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const entries = Object.entries(value).map(([k, v]) => [k, arrayify(v)] as const);
    if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k)))
      return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
    return Object.fromEntries(entries);
  };
  return arrayify(root) as Record<string, unknown>;
}

const asObject = (v: unknown) =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const asString = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const asStrings = (v: unknown) =>
  Array.isArray(v) ? v.filter((x) => typeof x === "string") : typeof v === "string" ? [v] : [];
const metadataOf = (v: unknown) =>
  Object.fromEntries(Object.entries(asObject(v) ?? {}).filter(([, x]) => typeof x === "string")) as Record<
    string,
    string
  >;
const missing = (param: string) =>
  new ApiError(400, `Missing required param: ${param}.`, param, "parameter_missing");
function intAtLeast(v: unknown, param: string, min: number): number {
  if (typeof v !== "string" || !/^\d+$/.test(v) || Number(v) < min)
    throw new ApiError(400, `Invalid integer: ${String(v ?? "")}`, param);
  return Number(v);
}
function httpUrl(v: unknown, param: string): string {
  const value = asString(v);
  if (!value) throw missing(param);
  if (!/^https?:\/\/[^/]/i.test(value)) throw new ApiError(400, `Not a valid URL`, param, "url_invalid");
  return value;
}

// Builds Stripe-shaped line items (with their product expanded) from inline price_data.
function parseLineItems(raw: unknown) {
  if (!Array.isArray(raw) || raw.length === 0) throw missing("line_items");
  return raw.map((entry, i) => {
    const param = `line_items[${i}][price_data]`;
    // Only inline prices: the store keeps its catalogue itself, not as Stripe Price objects.
    const priceData = asObject(asObject(entry)?.price_data);
    if (!priceData) throw missing(param);
    const currency = asString(priceData.currency)?.toLowerCase();
    if (!currency || !/^[a-z]{3}$/.test(currency))
      throw new ApiError(400, "Invalid currency.", `${param}[currency]`);
    const productData = asObject(priceData.product_data);
    const name = asString(productData?.name) ?? "";
    if (!name) throw missing(`${param}[product_data][name]`);
    const product: Product = {
      id: newId("prod"),
      object: "product",
      name,
      metadata: metadataOf(productData?.metadata),
    };
    const quantity = intAtLeast(asObject(entry)?.quantity, `line_items[${i}][quantity]`, 1);
    const unitAmount = intAtLeast(priceData.unit_amount, `${param}[unit_amount]`, 0);
    const amount = unitAmount * quantity;
    return {
      id: newId("li"),
      object: "item",
      description: name,
      quantity,
      currency,
      amount_subtotal: amount,
      amount_discount: 0,
      amount_tax: 0,
      amount_total: amount,
      price: { id: newId("price"), object: "price", currency, unit_amount: unitAmount, product },
    };
  });
}

// Stripe returns the product as an id unless the caller expands it.
const itemList = (url: string, items: LineItem[], expandProduct: boolean) => ({
  object: "list",
  url,
  has_more: false,
  data: expandProduct
    ? items
    : items.map((li) => ({ ...li, price: { ...li.price, product: li.price.product.id } })),
});

export async function startCheckout({
  port,
  secretKey,
  webhookSecret,
  webhookUrl,
}: CheckoutOptions): Promise<RunningService> {
  const sessions = new Map<string, { session: Session; items: LineItem[] }>();
  const sentEvents: SentEvent[] = [];
  const stopping = new AbortController();
  let base = `http://127.0.0.1:${port}`;

  function createSession(form: Record<string, unknown>): Session {
    if (form.mode !== "payment") throw new ApiError(400, "This stand-in only supports mode=payment.", "mode");
    const items = parseLineItems(form.line_items);
    const currency = items[0].currency;
    if (items.some((item) => item.currency !== currency))
      throw new ApiError(400, "All line items must use the same currency.", "line_items");
    const amount = items.reduce((sum, item) => sum + item.amount_total, 0);
    const id = newId("cs");
    const created = now();
    const session: Session = {
      id,
      object: "checkout.session",
      url: `${base}/pay/${id}`,
      status: "open",
      payment_status: "unpaid",
      mode: "payment",
      amount_subtotal: amount,
      amount_total: amount,
      currency,
      client_reference_id: asString(form.client_reference_id) ?? null,
      customer: null,
      customer_email: asString(form.customer_email) ?? null,
      customer_details: null,
      metadata: metadataOf(form.metadata),
      allow_promotion_codes: form.allow_promotion_codes === "true" ? true : null,
      success_url: httpUrl(form.success_url, "success_url"),
      cancel_url: form.cancel_url === undefined ? null : httpUrl(form.cancel_url, "cancel_url"),
      payment_intent: null,
      created,
      expires_at: created + 24 * 3600,
      livemode: false,
    };
    sessions.set(id, { session, items });
    return session;
  }

  function find(id: string) {
    const found = sessions.get(id);
    if (!found) throw new ApiError(404, `No such checkout.session: '${id}'`, "id", "resource_missing");
    return found;
  }

  function api(method: string, path: string, form: Record<string, unknown>) {
    const expand = asStrings(form.expand);
    if (path === "/v1/checkout/sessions" && method === "POST") return createSession(form);
    if (path === "/v1/checkout/sessions" && method === "GET") {
      const limit = Math.min(Math.max(Number(form.limit ?? 10) || 10, 1), 100);
      const all = [...sessions.values()].reverse().map((s) => s.session); // Map keeps insertion order
      return { object: "list", url: path, has_more: all.length > limit, data: all.slice(0, limit) };
    }
    const match = /^\/v1\/checkout\/sessions\/([^/]+)(\/line_items)?$/.exec(path);
    if (match && method === "GET") {
      const { session, items } = find(decodeURIComponent(match[1]));
      if (match[2]) return itemList(path, items, expand.includes("data.price.product"));
      const withProducts = expand.includes("line_items.data.price.product");
      if (!withProducts && !expand.includes("line_items")) return session;
      return { ...session, line_items: itemList(`${path}/line_items`, items, withProducts) };
    }
    throw new ApiError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  // Re-signs each attempt (fresh timestamp) over the same serialised payload, like Stripe.
  async function deliver(record: SentEvent, payload: string): Promise<void> {
    for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length && !stopping.signal.aborted; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt - 1]).unref());
      record.attempts++;
      try {
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
        const res = await fetch(webhookUrl, {
          method: "POST",
          body: payload,
          signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(10_000)]),
          headers: {
            "content-type": "application/json",
            "stripe-signature": signature,
            "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
          },
        });
        await res.arrayBuffer();
        record.last_status = res.status;
        record.last_error = null;
        if (res.ok) return void (record.delivered = true);
      } catch (error) {
        record.last_error = error instanceof Error ? error.message : String(error);
      }
    }
  }

  async function pay(id: string, email: string): Promise<string> {
    const { session } = find(id);
    if (session.status !== "complete") {
      Object.assign(session, {
        // Stripe clears `url` once a session completes; the pay page keeps working here regardless.
        status: "complete",
        payment_status: "paid",
        payment_intent: newId("pi"),
        url: null,
        customer_email: session.customer_email ?? email,
        customer_details: { email },
      });
      const event = {
        id: newId("evt"),
        object: "event",
        api_version: API_VERSION,
        type: "checkout.session.completed",
        created: now(),
        livemode: false,
        data: { object: { ...session } },
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
      };
      const record: SentEvent = { event, delivered: false, attempts: 0, last_status: null, last_error: null };
      sentEvents.push(record);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        deliver(record, JSON.stringify(event)),
        new Promise((r) => (timer = setTimeout(r, REDIRECT_WAIT_MS))),
      ]);
      clearTimeout(timer);
    }
    return session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id);
  }

  function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string>) {
    res.writeHead(status, { "cache-control": "no-store", ...headers }).end(body);
  }
  const json = (res: http.ServerResponse, status: number, body: unknown) =>
    send(res, status, JSON.stringify(body, null, 2), {
      "content-type": "application/json",
      "request-id": newId("req"),
    });

  async function readBody(req: http.IncomingMessage): Promise<string> {
    let body = "";
    for await (const chunk of req) {
      body += chunk;
      if (body.length > MAX_BODY) throw new ApiError(413, "Request body too large.");
    }
    return body;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", base);
    if (url.pathname.startsWith("/v1/")) {
      const auth = req.headers.authorization;
      if (auth !== `Bearer ${secretKey}`)
        throw new ApiError(401, auth ? "Invalid API Key provided." : "You did not provide an API key.");
      const form = parseForm(method === "POST" ? await readBody(req) : url.search.slice(1));
      return json(res, 200, api(method, url.pathname, form));
    }
    if (url.pathname === "/__events" && method === "GET")
      return json(res, 200, { object: "list", data: sentEvents });
    const payMatch = /^\/pay\/(cs_test_[A-Za-z0-9]+)$/.exec(url.pathname);
    const found = payMatch && sessions.get(payMatch[1]);
    if (!found)
      return send(res, 404, "Checkout session not found.", { "content-type": "text/plain; charset=utf-8" });
    const { session, items } = found;
    let error: string | undefined;
    if (method === "POST") {
      const email = new URLSearchParams(await readBody(req)).get("email")?.trim() ?? "";
      if (/^[^\s@]+@[^\s@]+$/.test(email))
        return send(res, 303, "", { location: await pay(session.id, email) });
      error = "Enter a valid email address.";
    } else if (session.status === "complete") {
      return send(res, 303, "", {
        location: session.success_url.replaceAll("{CHECKOUT_SESSION_ID}", session.id),
      });
    }
    const html = renderCheckoutPage({
      sessionId: session.id,
      currency: session.currency as string,
      amountTotal: session.amount_total as number,
      email: session.customer_email as string | null,
      cancelUrl: session.cancel_url,
      error,
      items: items.map((li) => ({
        description: li.description,
        quantity: li.quantity,
        amountTotal: li.amount_total,
      })),
    });
    send(res, error ? 400 : 200, html, {
      "content-type": "text/html; charset=utf-8",
      // No form-action: browsers apply it to the post-payment redirect to the app's origin.
      "content-security-policy":
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Errors come back Stripe-shaped so the SDK turns them into typed exceptions.
      if (error instanceof ApiError) {
        const { status, message, param, code } = error;
        const body = {
          type: "invalid_request_error",
          message,
          ...(param && { param }),
          ...(code && { code }),
        };
        return json(res, status, { error: body });
      }
      console.error("checkout stand-in: request failed:", error instanceof Error ? error.message : error);
      if (!res.headersSent) json(res, 500, { error: { type: "api_error", message: "Internal error." } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new Error(`checkout stand-in: port ${port} on 127.0.0.1 is already in use`)
          : error,
      ),
    );
    server.listen(port, "127.0.0.1", resolve);
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; // resolves port 0 to the real one
  return {
    name: "checkout",
    url: base,
    async stop() {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// `tsx scripts/embedded/checkout.ts --port N --webhook-url URL [--secret-key K] [--webhook-secret S]`
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      "webhook-url": { type: "string" },
      "secret-key": { type: "string" },
      "webhook-secret": { type: "string" },
    },
  });
  const webhookUrl = values["webhook-url"];
  if (!webhookUrl) {
    console.error(
      "usage: tsx scripts/embedded/checkout.ts --webhook-url URL [--port N] [--secret-key K] [--webhook-secret S]",
    );
    process.exit(2);
  }
  const service = await startCheckout({
    port: Number(values.port ?? profiles.dev.checkoutPort),
    secretKey: values["secret-key"] ?? embeddedStripe.secretKey,
    webhookSecret: values["webhook-secret"] ?? embeddedStripe.webhookSecret,
    webhookUrl,
  }).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  console.log(`checkout stand-in on ${service.url}, webhooks to ${webhookUrl}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void service.stop().then(() => process.exit(0)));
}

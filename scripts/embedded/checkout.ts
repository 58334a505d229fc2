// Local stand-in for Stripe's hosted Checkout and the slice of its API the app uses, so the
// store can sell offline in dev and tests. The app talks to it with the real Stripe SDK
// (host/port/protocol options); webhooks are signed with the SDK's own test-header helper,
// so the app's signature check runs unchanged. Dev/test only: state lives in memory.
//
//   /v1/...         Stripe API slice (Bearer secret key)          -> checkout-api.ts
//                   refunds -> checkout-refunds.ts, Idempotency-Key -> checkout-idempotency.ts
//   /__admin/...    refund, dispute, settle as JSON (Bearer key)  -> checkout-api.ts
//                   and a subscription's next period, paid or failed -> checkout-subscriptions.ts
//   /__admin/faults make the next API answers fail (Bearer key)   -> checkout-faults.ts
//   /pay/:id        hosted payment page                           -> checkout-page.ts
//   /invoice/:id    hosted invoice page, and /pdf its PDF         -> checkout-invoices.ts
//   /, /dashboard/  local dashboard with the same actions         -> checkout-dashboard.ts
import { realpathSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { embeddedStripe, profiles } from "../../lib/embedded-defaults";
import { adminAction, v1 } from "./checkout-api";
import { renderDashboard } from "./checkout-dashboard";
import { webhookSender } from "./checkout-delivery";
import { createFaults, injectedError } from "./checkout-faults";
import { createIdempotency } from "./checkout-idempotency";
import { ApiError, newId, parseBody, parseForm } from "./checkout-form";
import { renderCheckoutPage } from "./checkout-page";
import { createStore, successUrl, type Purchase } from "./checkout-store";

export { parseForm };

export type CheckoutOptions = { port: number; secretKey: string; webhookSecret: string; webhookUrl: string };
export type RunningService = { name: string; url: string; stop(): Promise<void> };

const MAX_BODY = 1 << 20;
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

export async function startCheckout({
  port,
  secretKey,
  webhookSecret,
  webhookUrl,
}: CheckoutOptions): Promise<RunningService> {
  const stopping = new AbortController();
  let base = `http://127.0.0.1:${port}`;
  const store = createStore(
    () => base,
    webhookSender({ webhookUrl, webhookSecret, signal: stopping.signal }),
  );
  const faults = createFaults();
  const idempotent = createIdempotency();

  function send(
    res: http.ServerResponse,
    status: number,
    body: string | Buffer,
    headers: Record<string, string>,
  ) {
    res.writeHead(status, { "cache-control": "no-store", ...headers }).end(body);
  }
  const json = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    extra: Record<string, string> = {},
  ) =>
    send(res, status, JSON.stringify(body, null, 2), {
      "content-type": "application/json",
      "request-id": newId("req"),
      ...extra,
    });
  const html = (res: http.ServerResponse, status: number, body: string, csp = PAGE_CSP) =>
    send(res, status, body, { "content-type": "text/html; charset=utf-8", "content-security-policy": csp });

  async function readBody(req: http.IncomingMessage): Promise<string> {
    let body = "";
    for await (const chunk of req) {
      body += chunk;
      if (body.length > MAX_BODY) throw new ApiError(413, "Request body too large.");
    }
    return body;
  }

  function authorize(req: http.IncomingMessage) {
    const auth = req.headers.authorization;
    if (auth !== `Bearer ${secretKey}`)
      throw new ApiError(401, auth ? "Invalid API Key provided." : "You did not provide an API key.");
  }

  // The dashboard needs no key (it binds to 127.0.0.1 and is dev-only), but its forms only
  // accept posts from its own pages, so another site open in the browser cannot drive them.
  async function dashboardAction(req: http.IncomingMessage, res: http.ServerResponse, path: string) {
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`)
      return send(res, 403, "Cross-origin form post refused.", {
        "content-type": "text/plain; charset=utf-8",
      });
    const form = parseForm(await readBody(req));
    let result: Record<string, string>;
    try {
      const { event } = await adminAction(store, "POST", path.slice("/dashboard".length), form);
      result = { notice: `Sent ${event.type} (${event.id}).` };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      result = { error: error.message };
    }
    send(res, 303, "", { location: `/?${new URLSearchParams(result)}` });
  }

  async function payPage(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    purchase: Purchase,
  ) {
    const { session, items } = purchase;
    let error: string | undefined;
    let typed: string | undefined;
    if (method === "POST") {
      const body = new URLSearchParams(await readBody(req));
      const email = body.get("email")?.trim() ?? "";
      const quantity = body.get("quantity");
      typed = body.get("promotion_code")?.trim() || undefined;
      const choices = {
        quantity: quantity && /^\d{1,6}$/.test(quantity) ? Number(quantity) : undefined,
        country: body.get("country") || undefined,
        state: body.get("state") || undefined,
        taxId: body.get("tax_id") || undefined,
        consent: body.get("consent") === "accepted",
        promotionCode: typed,
      };
      const action = body.get("method");
      try {
        if (action === "apply") store.applyPromotionCode(session.id, typed ?? "", choices);
        else if (/^[^\s@]+@[^\s@]+$/.test(email)) {
          await store.pay(session.id, email, action === "bank_transfer" ? "bank_transfer" : "card", choices);
          return send(res, 303, "", { location: successUrl(session) });
        } else error = "Enter a valid email address.";
      } catch (failure) {
        if (!(failure instanceof ApiError)) throw failure;
        error = failure.message;
      }
    } else if (session.status === "complete") {
      return send(res, 303, "", { location: successUrl(session) });
    }
    const branding = session.branding_settings as {
      display_name: string | null;
      button_color: string | null;
    };
    const page = renderCheckoutPage({
      sessionId: session.id,
      merchant: branding?.display_name ?? null,
      buttonColor: branding?.button_color ?? null,
      currency: session.currency,
      amountTotal: session.amount_total,
      amountSubtotal: session.amount_subtotal as number,
      amountDiscount: (session.total_details as { amount_discount: number }).amount_discount,
      promotionCodes: session.allow_promotion_codes === true,
      appliedCode: purchase.discount?.code ?? null,
      typedCode: typed ?? null,
      email: session.customer_email,
      cancelUrl: session.cancel_url,
      collectAddress: session.automatic_tax.enabled || session.billing_address_collection === "required",
      collectTaxId: session.tax_id_collection.enabled,
      consentText:
        session.consent_collection.terms_of_service === "required"
          ? (session.custom_text.terms_of_service_acceptance?.message ?? "I agree to the terms of service.")
          : null,
      error,
      items: items.map((li) => ({
        description: li.description,
        quantity: li.quantity,
        amountTotal: li.amount_subtotal, // before discount and tax, which the lines below show
        adjustable: li.adjustable,
      })),
    });
    // No form-action: browsers apply it to the post-payment redirect to the app's origin.
    html(res, error ? 400 : 200, page);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname;
    if (path.startsWith("/v1/")) {
      authorize(req);
      const fault = faults.take();
      if (fault?.drop) return void req.socket.destroy();
      if (fault) throw injectedError(fault);
      const raw = method === "POST" ? await readBody(req) : url.search.slice(1);
      const answer = async () => ({ status: 200, body: await v1(store, method, path, parseForm(raw)) });
      const key = req.headers["idempotency-key"];
      if (method !== "POST" || typeof key !== "string") return json(res, 200, (await answer()).body);
      const { status, body, replayed } = await idempotent(key, `${method} ${path} ${raw}`, answer);
      return json(res, status, body, replayed ? { "idempotent-replayed": "true" } : {});
    }
    if (path === "/__admin/faults") {
      authorize(req);
      return json(
        res,
        200,
        faults.configure(method, parseBody(await readBody(req), req.headers["content-type"])),
      );
    }
    if (path.startsWith("/__admin/")) {
      authorize(req);
      const form = parseBody(await readBody(req), req.headers["content-type"]);
      return json(res, 200, await adminAction(store, method, path.slice("/__admin".length), form));
    }
    if (path === "/__events" && method === "GET")
      return json(res, 200, { object: "list", data: store.sent() });
    if (path === "/" && method === "GET") {
      const page = renderDashboard({
        purchases: store.purchases(),
        events: store.sent(),
        notice: url.searchParams.get("notice") ?? undefined,
        error: url.searchParams.get("error") ?? undefined,
      });
      return html(res, 200, page, `${PAGE_CSP}; form-action 'self'`);
    }
    if (path.startsWith("/dashboard/") && method === "POST") return dashboardAction(req, res, path);
    // Stripe's hosted invoice page and PDF: whoever has the link may open them.
    const invoiceMatch = /^\/invoice\/(in_test_[A-Za-z0-9]+)(\/pdf)?$/.exec(path);
    const invoice = invoiceMatch && method === "GET" && store.invoices.get(invoiceMatch[1]);
    if (invoice && invoiceMatch[2])
      return send(res, 200, await store.invoices.pdf(invoice), {
        "content-type": "application/pdf",
        "content-disposition": `inline; filename="${invoice.number}.pdf"`,
      });
    if (invoice) return html(res, 200, store.invoices.page(invoice));
    const payMatch = /^\/pay\/(cs_test_[A-Za-z0-9]+)$/.exec(path);
    const purchase = payMatch && store.get(payMatch[1]);
    if (purchase) return payPage(req, res, method, purchase);
    send(res, 404, "Checkout session not found.", { "content-type": "text/plain; charset=utf-8" });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // Errors come back Stripe-shaped so the SDK turns them into typed exceptions.
      if (error instanceof ApiError) {
        const { status, message, param, code, type } = error;
        const body = {
          type,
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
  console.log(`checkout stand-in on ${service.url} (dashboard at /), webhooks to ${webhookUrl}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => void service.stop().then(() => process.exit(0)));
}

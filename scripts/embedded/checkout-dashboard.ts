// HTML for the checkout stand-in's local dashboard (GET / on the stand-in): every session
// with its money, and buttons that refund, dispute or settle it so the app receives the
// same webhooks a real payment's later life would send. Inline CSS, system fonts, no JS.
import { formatMoney, roundDownToStep } from "../../lib/money";
import type { SentEvent } from "./checkout-delivery";
import { baseCss, escapeHtml } from "./checkout-page";
import type { Purchase } from "./checkout-store";

export type DashboardInput = { purchases: Purchase[]; events: SentEvent[]; notice?: string; error?: string };

const RECENT_EVENTS = 20;

const css = `${baseCss}
main{max-width:1280px;margin:32px auto;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:16px;margin:32px 0 10px}
.sub{color:#697386;margin:0 0 20px}
.sub a{color:#635bff}
.notice{background:#e6f6ec;color:#0e6245;border-radius:6px;padding:8px 12px;margin:0 0 12px}
.card{background:#fff;border:1px solid #e3e8ee;border-radius:12px;box-shadow:0 2px 12px rgba(26,31,54,.06);overflow-x:auto}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;padding:10px 12px;border-bottom:1px solid #e3e8ee;vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#697386;font-weight:600}
tr:last-child td{border-bottom:0}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:#3c4257}
.muted{color:#697386;font-size:12px}
.pill{display:inline-block;white-space:nowrap;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;background:#e3e8ee;color:#3c4257}
.pill.good{background:#d7f7c2;color:#05690d}.pill.warn{background:#fcedb9;color:#a04100}.pill.bad{background:#ffe7f2;color:#b3093c}
.actions{display:flex;flex-wrap:wrap;gap:6px;max-width:260px}
.actions form{margin:0}
button{padding:5px 10px;font:inherit;font-size:13px;font-weight:600;white-space:nowrap;color:#fff;background:#635bff;border:0;border-radius:6px;cursor:pointer}
button:hover{background:#4b45c6}
button.secondary{color:#3c4257;background:#fff;border:1px solid #cfd7df}
button.secondary:hover{background:#f6f8fa}
.empty{padding:24px;text-align:center;color:#697386}
`;

const time = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ");

function button(
  action: string,
  label: string,
  fields: Record<string, string | number> = {},
  secondary = false,
) {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(String(value))}">`)
    .join("");
  return `<form method="post" action="${escapeHtml(action)}">${hidden}<button type="submit"${secondary ? ' class="secondary"' : ""}>${escapeHtml(label)}</button></form>`;
}

const pill = (text: string, tone: "good" | "warn" | "bad" | "" = "") =>
  `<span class="pill${tone ? ` ${tone}` : ""}">${escapeHtml(text)}</span>`;

function actions({ session, charge, dispute, awaitingTransfer }: Purchase): string {
  const at = `/dashboard/sessions/${encodeURIComponent(session.id)}`;
  const out: string[] = [];
  const remaining = charge ? charge.amount - charge.amount_refunded : 0;
  if (charge && remaining > 0 && (!dispute || dispute.status === "won")) {
    out.push(button(`${at}/refund`, "Refund in full", { amount: remaining }));
    // Half, rounded down to an amount the currency can carry (KWD ends in 0, ISK in 00).
    const half = roundDownToStep(Math.floor(remaining / 2), charge.currency);
    if (half > 0) out.push(button(`${at}/refund`, "Refund half", { amount: half }));
  }
  if (charge && remaining > 0 && !dispute) out.push(button(`${at}/dispute`, "Open dispute", {}, true));
  if (dispute?.status === "needs_response") {
    const close = `/dashboard/disputes/${encodeURIComponent(dispute.id)}/close`;
    out.push(button(close, "Close dispute as won", { outcome: "won" }, true));
    out.push(button(close, "Close dispute as lost", { outcome: "lost" }, true));
  }
  if (awaitingTransfer) {
    out.push(button(`${at}/settle`, "Settle transfer: succeeded", { outcome: "succeeded" }));
    out.push(button(`${at}/settle`, "Settle transfer: failed", { outcome: "failed" }, true));
  }
  if (session.status === "open" && typeof session.url === "string")
    out.push(`<a href="${escapeHtml(session.url)}">Open pay page</a>`);
  return out.length ? `<div class="actions">${out.join("")}</div>` : `<span class="muted">—</span>`;
}

function sessionRow(purchase: Purchase): string {
  const { session, charge, dispute, awaitingTransfer } = purchase;
  const money = (amount: number) => escapeHtml(formatMoney(amount, session.currency));
  const email = session.customer_details?.email ?? session.customer_email;
  const payment =
    session.payment_status === "paid"
      ? pill("paid", "good")
      : `${pill("unpaid", awaitingTransfer ? "warn" : "")}${awaitingTransfer ? '<br><span class="muted">transfer pending</span>' : ""}`;
  const refunded = charge?.amount_refunded
    ? `${money(charge.amount_refunded)}${charge.refunded ? ` ${pill("refunded", "bad")}` : ""}`
    : `<span class="muted">—</span>`;
  const disputeCell = dispute
    ? `${pill(dispute.status === "needs_response" ? "open" : `closed · ${dispute.status}`, dispute.status === "won" ? "good" : dispute.status === "lost" ? "bad" : "warn")}<br><code>${escapeHtml(dispute.id)}</code>`
    : `<span class="muted">—</span>`;
  return `<tr>
<td><code>${escapeHtml(session.id)}</code><br><span class="muted">${time(session.created)} UTC</span></td>
<td>${email ? escapeHtml(email) : '<span class="muted">—</span>'}</td>
<td>${money(session.amount_total)}</td>
<td>${pill(session.status, session.status === "complete" ? "good" : "")}</td>
<td>${payment}</td>
<td>${refunded}</td>
<td>${disputeCell}</td>
<td>${actions(purchase)}</td>
</tr>`;
}

function eventRow({ event, delivered, attempts, last_status, last_error }: SentEvent): string {
  const delivery = delivered
    ? pill("delivered", "good")
    : last_status !== null || last_error !== null
      ? pill(`failing · ${last_status ?? last_error}`, "bad")
      : pill("pending", "warn");
  const object = event.data.object as { id?: unknown };
  return `<tr>
<td><span class="muted">${time(event.created)} UTC</span></td>
<td><code>${escapeHtml(event.type)}</code></td>
<td><code>${escapeHtml(event.id)}</code></td>
<td><code>${escapeHtml(String(object.id ?? ""))}</code></td>
<td>${delivery} <span class="muted">${attempts} attempt${attempts === 1 ? "" : "s"}</span></td>
</tr>`;
}

export function renderDashboard({ purchases, events, notice, error }: DashboardInput): string {
  const sessions = purchases.length
    ? `<table><thead><tr><th>Session</th><th>Email</th><th>Amount</th><th>Status</th><th>Payment</th><th>Refunded</th><th>Dispute</th><th>Actions</th></tr></thead><tbody>${purchases.map(sessionRow).join("")}</tbody></table>`
    : `<p class="empty">No checkout sessions yet. Buy something in the store to see it here.</p>`;
  const recent = events.slice(-RECENT_EVENTS).reverse();
  const webhooks = recent.length
    ? `<table><thead><tr><th>Created</th><th>Type</th><th>Event</th><th>Object</th><th>Webhook</th></tr></thead><tbody>${recent.map(eventRow).join("")}</tbody></table>`
    : `<p class="empty">No events yet.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Local test dashboard · Downlink</title>
<style>${css}</style>
</head>
<body>
<div class="banner" role="note">Local test dashboard — no real money moves.</div>
<main>
<h1>Payments</h1>
<p class="sub">Sessions of the local checkout, newest first. Actions send signed webhooks to the app. <a href="/">Refresh</a></p>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ""}
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<div class="card">${sessions}</div>
<h2>Recent events</h2>
<div class="card">${webhooks}</div>
</main>
</body>
</html>`;
}

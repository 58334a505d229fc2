import "server-only";
import type { ReminderStage } from "../dal/renewal-reminders";
import { formatDate } from "../format";
import { unsubscribeUrl } from "../notifications/unsubscribe";
import { emailLayout, escapeHtml } from "./layout";
import type { MailMessage } from "./send";

export type Reminder = {
  id: string;
  stage: ReminderStage;
  updatesUntil: Date;
  product: { id: string; name: string };
  tier: { name: string } | null;
};

const SUBJECT: Record<ReminderStage, (product: string) => string> = {
  "30_days": (product) => `Updates for ${product} end in 30 days`,
  "7_days": (product) => `Updates for ${product} end in 7 days`,
  ended: (product) => `Updates for ${product} have ended`,
};

// "Your updates end on …": one button to the renewal page of this very purchase (it asks the
// buyer to sign in first when needed), and a one-click unsubscribe from these reminders only.
export function renewalReminderEmail(to: string, reminder: Reminder, appUrl: string): MailMessage {
  const name = `${reminder.product.name}${reminder.tier ? ` (${reminder.tier.name})` : ""}`;
  const end = formatDate(reminder.updatesUntil);
  const renew = `${appUrl}/account/renew/${reminder.id}`;
  const unsubscribe = unsubscribeUrl(to, reminder.product.id, "page", "renewal_reminder");
  const title = SUBJECT[reminder.stage](reminder.product.name);
  const what =
    reminder.stage === "ended"
      ? `Your updates for ${name} ended on ${end}. Versions released since then are locked in your library.`
      : `Your updates for ${name} run until ${end}. Versions released after that stay locked until you renew.`;
  const keeps = "The versions you already have keep working, with the same licence key.";
  return {
    to,
    subject: title,
    text: `${what}\n\n${keeps}\n\nRenew: ${renew}\n\nNo more renewal reminders about ${reminder.product.name}: ${unsubscribe}\n`,
    html: emailLayout({
      title,
      bodyHtml: `${escapeHtml(what)}<br><br>${escapeHtml(keeps)}`,
      link: { href: renew, label: `Renew ${reminder.product.name}` },
      footer: `Stop renewal reminders about ${reminder.product.name}: ${unsubscribe}`,
    }),
    // RFC 8058 one-click unsubscribe, as release emails: mail clients POST to the URL.
    headers: {
      "List-Unsubscribe": `<${unsubscribeUrl(to, reminder.product.id, "one-click", "renewal_reminder")}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

// Every email the store sends, by name. Adding one is a template file in ./templates and one line
// here (docs/emails.md); renderEmail then gives its subject, HTML, text and headers.
import { createElement } from "react";
import type { EmailBrand } from "./components/email-layout";
import { renderHtml, renderText } from "./render";
import { customerFileEmail } from "./templates/customer-file";
import type { EmailTemplate } from "./templates/email-template";
import { paymentFailedEmail } from "./templates/payment-failed";
import { receiptEmail } from "./templates/receipt";
import { releaseEmail } from "./templates/release";
import { renewalReminderEmail } from "./templates/renewal-reminder";
import { signInEmail } from "./templates/sign-in";

export const emails = {
  signIn: signInEmail,
  receipt: receiptEmail,
  paymentFailed: paymentFailedEmail,
  release: releaseEmail,
  customerFile: customerFileEmail,
  renewalReminder: renewalReminderEmail,
};

export type EmailName = keyof typeof emails;
export type EmailProps<Name extends EmailName> =
  (typeof emails)[Name] extends EmailTemplate<infer Props> ? Props : never;
// One email ready for the outbox: which template and what it says.
export type EmailOf = { [Name in EmailName]: { name: Name; props: EmailProps<Name> } }[EmailName];

export type RenderedEmail = { subject: string; html: string; text: string; headers?: Record<string, string> };

export function renderEmail({ name, props }: EmailOf, brand: EmailBrand): RenderedEmail {
  // The union pairs each name with its own props; indexing by a union name loses that pairing.
  const template = emails[name] as EmailTemplate<typeof props>;
  const tree = createElement(template.Email, Object.assign({}, props, { brand }));
  return {
    // A name or title with a line break in it stays one header line.
    subject: template.subject(props, brand).replace(/\s+/g, " ").trim(),
    html: `<!DOCTYPE html>${renderHtml(tree)}`,
    text: renderText(tree),
    ...(template.headers && { headers: template.headers(props) }),
  };
}

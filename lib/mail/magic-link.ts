// The sign-in email. The link is a credential: it goes into the message and nowhere else.
import { mailBranding } from "./branding";
import { emailLayout, escapeHtml } from "./layout";
import { sendMail } from "./send";

// `lifetime` is SIGN_IN_LINK_TTL_SECONDS in words ("15 minutes").
export async function sendMagicLink({
  to,
  url,
  host,
  lifetime,
}: {
  to: string;
  url: string;
  host: string;
  lifetime: string;
}) {
  const { storeName } = await mailBranding();
  await sendMail({
    to,
    subject: `Sign in to ${storeName}`,
    text: `Sign in to ${storeName} (${host}):\n${url}\n\nThe link works once and expires in ${lifetime}. If you did not ask for it, ignore this email.\n`,
    html: emailLayout({
      title: `Sign in to ${storeName}`,
      bodyHtml: `Click the button to sign in to ${escapeHtml(host)}. The link works once and expires in ${lifetime}.`,
      link: { href: url, label: "Sign in" },
      footer: "If you did not ask for this email, you can ignore it.",
    }),
  });
}

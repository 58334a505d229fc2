// The sign-in email. The link is a credential: it goes into the message and nowhere else.
import { sendMail } from "./send";

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export async function sendMagicLink({ to, url, host }: { to: string; url: string; host: string }) {
  const safeUrl = escapeHtml(url);
  await sendMail({
    to,
    subject: `Sign in to Downlink`,
    text: `Sign in to Downlink (${host}):\n${url}\n\nThe link works once and expires in 24 hours. If you did not ask for it, ignore this email.\n`,
    html: `<!doctype html><html><body style="margin:0;background:#f4f4f5;font-family:system-ui,-apple-system,Segoe UI,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:40px 16px">
<table role="presentation" width="100%" style="max-width:440px;background:#fff;border-radius:12px;padding:32px">
<tr><td style="font-size:20px;font-weight:600;color:#18181b">Sign in to Downlink</td></tr>
<tr><td style="padding:12px 0 24px;color:#52525b;font-size:15px;line-height:1.5">Click the button to sign in to ${escapeHtml(host)}. The link works once and expires in 24 hours.</td></tr>
<tr><td><a href="${safeUrl}" style="display:inline-block;background:#4f46e5;color:#fff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600">Sign in</a></td></tr>
<tr><td style="padding-top:24px;color:#a1a1aa;font-size:13px">If you did not ask for this email, you can ignore it.</td></tr>
</table></td></tr></table></body></html>`,
  });
}

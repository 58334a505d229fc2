// One email layout: a card with a title, a paragraph and one button. Inline styles only,
// because mail clients drop stylesheets.
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function emailLayout({
  title,
  bodyHtml,
  link,
  footer,
}: {
  title: string;
  bodyHtml: string;
  link: { href: string; label: string };
  footer?: string;
}) {
  return `<!doctype html><html><body style="margin:0;background:#f4f4f5;font-family:system-ui,-apple-system,Segoe UI,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:40px 16px">
<table role="presentation" width="100%" style="max-width:480px;background:#fff;border-radius:12px;padding:32px">
<tr><td style="font-size:20px;font-weight:600;color:#18181b">${escapeHtml(title)}</td></tr>
<tr><td style="padding:12px 0 24px;color:#52525b;font-size:15px;line-height:1.6">${bodyHtml}</td></tr>
<tr><td><a href="${escapeHtml(link.href)}" style="display:inline-block;background:#4f46e5;color:#fff;text-decoration:none;padding:12px 20px;border-radius:8px;font-weight:600">${escapeHtml(link.label)}</a></td></tr>
${footer ? `<tr><td style="padding-top:24px;color:#a1a1aa;font-size:13px">${escapeHtml(footer)}</td></tr>` : ""}
</table></td></tr></table></body></html>`;
}

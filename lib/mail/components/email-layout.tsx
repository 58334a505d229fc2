// The one frame of every email, branded from the store's settings (Admin → Settings): its logo and
// name on top, a card with an accent edge, and a footer with the support address and policies.
import type { ReactNode } from "react";
import type { TextForm } from "../render";
import { fonts, ink, Link } from "./blocks";

// The store as its emails show it; every address is absolute (emails are read away from the store).
export type EmailBrand = {
  name: string;
  appUrl: string;
  logoUrl: string | null;
  accentColor: string;
  supportEmail: string | null;
  links: { terms: string | null; privacy: string | null; refund: string | null };
};

const DEFAULT_ACCENT = "#4f46e5";
// Saved settings are a checked #rrggbb (lib/schemas/store-settings.ts); anything else is not
// written into a style attribute.
export const accentOf = (brand: EmailBrand) =>
  /^#[0-9a-f]{6}$/i.test(brand.accentColor) ? brand.accentColor : DEFAULT_ACCENT;

type LayoutProps = {
  brand: EmailBrand;
  preview: string; // the line inboxes show after the subject
  children: ReactNode;
  note?: ReactNode; // why this address got the email, and how to stop it
};

function policies(brand: EmailBrand) {
  const { terms, privacy, refund } = brand.links;
  return [
    { label: "Terms", href: terms },
    { label: "Privacy", href: privacy },
    { label: "Refunds", href: refund },
  ].filter((link): link is { label: string; href: string } => !!link.href);
}

export function EmailLayout({ brand, preview, children, note }: LayoutProps) {
  const accent = accentOf(brand);
  const small = { margin: "0 0 6px", fontSize: 12, lineHeight: 1.6, color: ink.muted };
  return (
    <html lang="en">
      {/* eslint-disable-next-line @next/next/no-head-element -- an email's own document, not a page */}
      <head>
        <meta httpEquiv="Content-Type" content="text/html; charset=UTF-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{brand.name}</title>
      </head>
      <body style={{ margin: 0, padding: 0, background: ink.tint, fontFamily: fonts.sans }}>
        <div data-html-only style={{ display: "none", maxHeight: 0, overflow: "hidden", opacity: 0 }}>
          {preview}
        </div>
        <table
          role="presentation"
          width="100%"
          cellPadding="0"
          cellSpacing="0"
          style={{ background: ink.tint }}
        >
          <tbody>
            <tr>
              <td align="center" style={{ padding: "32px 12px" }}>
                <table
                  role="presentation"
                  width="100%"
                  cellPadding="0"
                  cellSpacing="0"
                  style={{ maxWidth: 560 }}
                >
                  <tbody>
                    <tr>
                      <td style={{ padding: "0 4px 16px" }}>
                        <a href={brand.appUrl} style={{ textDecoration: "none", color: ink.strong }}>
                          {brand.logoUrl && (
                            // eslint-disable-next-line @next/next/no-img-element -- an email, not a page
                            <img
                              src={brand.logoUrl}
                              alt=""
                              width="32"
                              height="32"
                              style={{ verticalAlign: "middle", borderRadius: 6, marginRight: 10, border: 0 }}
                            />
                          )}
                          <span style={{ verticalAlign: "middle", fontSize: 16, fontWeight: 600 }}>
                            {brand.name}
                          </span>
                        </a>
                      </td>
                    </tr>
                    <tr>
                      <td
                        style={{
                          background: "#ffffff",
                          border: `1px solid ${ink.line}`,
                          borderTop: `4px solid ${accent}`,
                          borderRadius: 12,
                          padding: "28px 24px 12px",
                        }}
                      >
                        {children}
                      </td>
                    </tr>
                    <tr>
                      <td style={{ padding: "20px 4px 0" }}>
                        {note && <p style={small}>{note}</p>}
                        <p style={small}>
                          {brand.name}
                          {brand.supportEmail && (
                            <>
                              {" · "}
                              <Link href={`mailto:${brand.supportEmail}`}>{brand.supportEmail}</Link>
                            </>
                          )}
                        </p>
                        {policies(brand).length > 0 && (
                          <p style={small}>
                            {policies(brand).map((link, index) => (
                              <span key={link.label}>
                                {index > 0 && " · "}
                                <Link href={link.href}>{link.label}</Link>
                              </span>
                            ))}
                          </p>
                        )}
                      </td>
                    </tr>
                  </tbody>
                </table>
              </td>
            </tr>
          </tbody>
        </table>
      </body>
    </html>
  );
}

// The text part: the store's name, the body, then the note, support address and policies.
EmailLayout.text = (({ brand, children, note }, text) =>
  [
    brand.name,
    "",
    text(children),
    "",
    "--",
    ...(note ? [text(note)] : []),
    brand.supportEmail ? `${brand.name} · ${brand.supportEmail}` : brand.name,
    ...policies(brand).map((link) => `${link.label}: ${link.href}`),
  ].join("\n")) satisfies TextForm<LayoutProps>;

// The pieces every email is made of. Each renders table-and-inline-style HTML (mail clients drop
// stylesheets and many ignore flexbox) and, where its text is more than its children's, says how
// it reads in the plain-text part. lib/mail/render.ts turns both into strings.
import type { ReactNode } from "react";
import type { TextForm } from "../render";

export const ink = { strong: "#18181b", body: "#3f3f46", muted: "#71717a", line: "#e4e4e7", tint: "#f4f4f5" };
export const fonts = {
  sans: "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif",
  mono: "ui-monospace,SFMono-Regular,Menlo,Consolas,monospace",
};

export function Heading({ children }: { children: ReactNode }) {
  return (
    <h1 style={{ margin: "0 0 16px", fontSize: 22, lineHeight: 1.3, fontWeight: 600, color: ink.strong }}>
      {children}
    </h1>
  );
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  const color = muted ? ink.muted : ink.body;
  return <p style={{ margin: "0 0 16px", fontSize: muted ? 13 : 15, lineHeight: 1.6, color }}>{children}</p>;
}

// In the text part a link is its address, unless its label is the address (an email address).
export function Link({ href, children, color }: { href: string; children: ReactNode; color?: string }) {
  return (
    <a href={href} style={{ color: color ?? "inherit", textDecoration: "underline" }}>
      {children}
    </a>
  );
}
Link.text = (({ href, children }, text) => {
  const label = text(children);
  return label === href || href === `mailto:${label}` ? label : href;
}) satisfies TextForm<{ href: string; children: ReactNode }>;

// One call to action, in the store's colour; the text part gives the address after the label.
// `spelt` writes the address out below the button too, for a link that must work even where a
// client blocks buttons (sign-in).
type ButtonProps = { href: string; children: string; accent: string; spelt?: boolean };
export function Button({ href, children, accent, spelt = false }: ButtonProps) {
  return (
    <>
      <table role="presentation" cellPadding="0" cellSpacing="0" style={{ margin: "8px 0 24px" }}>
        <tbody>
          <tr>
            <td style={{ borderRadius: 8, background: accent }}>
              <a
                href={href}
                style={{
                  display: "inline-block",
                  padding: "12px 22px",
                  fontSize: 15,
                  fontWeight: 600,
                  color: "#ffffff",
                  textDecoration: "none",
                  borderRadius: 8,
                }}
              >
                {children}
              </a>
            </td>
          </tr>
        </tbody>
      </table>
      {spelt && (
        <p data-html-only style={{ margin: "0 0 16px", fontSize: 12, lineHeight: 1.5, color: ink.muted }}>
          Or open this link: <span style={{ wordBreak: "break-all", color: ink.body }}>{href}</span>
        </p>
      )}
    </>
  );
}
Button.text = (({ href, children }) => `\n\n${children}: ${href}\n\n`) satisfies TextForm<ButtonProps>;

// A list of label/value lines (an order, a file): "Label: value" in the text part.
export function Details({ children }: { children: ReactNode }) {
  return (
    <table role="presentation" width="100%" cellPadding="0" cellSpacing="0" style={{ margin: "0 0 20px" }}>
      <tbody>{children}</tbody>
    </table>
  );
}

type RowProps = { label: ReactNode; value?: ReactNode; kind?: "heading" | "total" | "code" | "amount" };
const cell = { padding: "6px 0", fontSize: 14, lineHeight: 1.5, verticalAlign: "top" } as const;

export function Row({ label, value, kind }: RowProps) {
  if (kind === "heading" || kind === "code" || value === undefined)
    return (
      <tr>
        <td colSpan={2} style={{ ...cell, paddingTop: kind === "heading" ? 14 : 6, color: ink.body }}>
          {kind === "heading" ? <strong style={{ color: ink.strong }}>{label}</strong> : label}
          {kind === "code" && <Code block>{value}</Code>}
        </td>
      </tr>
    );
  const total = kind === "total";
  const edge = total ? { borderTop: `1px solid ${ink.line}`, paddingTop: 12, fontWeight: 600 } : {};
  const figures = kind === "amount" || total ? { fontVariantNumeric: "tabular-nums" } : {};
  return (
    <tr>
      <td style={{ ...cell, ...edge, color: total ? ink.strong : ink.body }}>{label}</td>
      <td
        style={{
          ...cell,
          ...edge,
          ...figures,
          paddingLeft: 12,
          textAlign: "right",
          whiteSpace: "nowrap", // values are short (an amount, a date); the label wraps instead
          color: ink.strong,
        }}
        align="right"
      >
        {value}
      </td>
    </tr>
  );
}
Row.text = (({ label, value }, text) =>
  `${text(label)}${value === undefined ? "" : `: ${text(value)}`}\n`) satisfies TextForm<RowProps>;

// A licence key or a file name: monospace, selectable, never broken across lines by the client.
export function Code({ children, block = false }: { children: ReactNode; block?: boolean }) {
  return (
    <code
      style={{
        display: block ? "block" : "inline",
        marginTop: block ? 6 : 0,
        padding: block ? "10px 12px" : "1px 4px",
        borderRadius: 6,
        background: ink.tint,
        fontFamily: fonts.mono,
        fontSize: 14,
        color: ink.strong,
        wordBreak: "break-all",
      }}
    >
      {children}
    </code>
  );
}

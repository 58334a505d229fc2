// Turns one email's element tree (JSX, lib/mail/templates) into its HTML part and its plain-text
// part. Every string from data is a text node or an attribute value and is escaped here, exactly
// as react-dom/server escapes it (tests/emails.test.ts compares the two), so no template can
// build markup from text. There is no way to hand it raw HTML: dangerouslySetInnerHTML throws.
//
// Why not react-dom/server (or @react-email/render, which calls it): emails are rendered in the
// app's server bundle, by the outbox sender script and on the sign-in path, all of which run under
// the "react-server" condition, where react-dom/server refuses to load. Email elements are plain
// data (no state, no effects, no context), so walking them is all rendering takes.
import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#x27;",
};
const SPECIAL = /[&<>"']/;
const escape = (value: string) =>
  SPECIAL.test(value) ? value.replace(/[&<>"']/g, (char) => ENTITIES[char]) : value;

const VOID_TAGS = new Set(["area", "br", "col", "hr", "img", "meta", "source", "wbr"]);
const UNITLESS = new Set(["fontWeight", "lineHeight", "opacity", "zIndex", "flexGrow", "flexShrink"]);
// React's names for the HTML attributes that are not spelt as in HTML (names are case-insensitive).
const ATTRIBUTE_NAMES: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  httpEquiv: "http-equiv",
};

type Props = Record<string, unknown> & { children?: ReactNode };
// A component whose plain-text form is not simply its children's text (a button, a table row);
// one that stands on its own line ends with its own line break (a paragraph: a blank line).
export type TextForm<P> = (props: P, text: (node: ReactNode) => string) => string;
type Component = ((props: Props) => ReactNode) & { text?: TextForm<Props> };

function elementParts(node: ReactElement) {
  const { type, props } = node as ReactElement<Props>;
  if (type === Fragment || typeof type === "string" || typeof type === "function") return { type, props };
  throw new Error("emails render plain elements and function components only");
}

// A style object as CSS: { fontSize: 16 } → "font-size:16px". Values come from templates, but a
// colour or font from the store could still try to end the declaration, so those characters throw.
const UNSAFE_CSS = /[;{}\\]|url\(|expression\(/i;
const cssNames = new Map<string, string>();
const cssName = (name: string) => {
  let hyphenated = cssNames.get(name);
  if (!hyphenated)
    cssNames.set(name, (hyphenated = name.replace(/[A-Z]/g, (upper) => `-${upper.toLowerCase()}`)));
  return hyphenated;
};
function css(style: Record<string, string | number | undefined>) {
  const declarations: string[] = [];
  for (const name in style) {
    const value = style[name];
    if (value === undefined || value === "") continue;
    if (typeof value === "string" && UNSAFE_CSS.test(value)) throw new Error(`unsafe CSS value for ${name}`);
    const unit = typeof value === "number" && value !== 0 && !UNITLESS.has(name) ? "px" : "";
    declarations.push(`${cssName(name)}:${value}${unit}`);
  }
  return declarations.join(";");
}

const ATTRIBUTE_NAME = /^[a-zA-Z][a-zA-Z0-9-]*$/;
function attributes(props: Props) {
  let out = "";
  for (const key in props) {
    const value = props[key];
    if (key === "children" || value === undefined || value === null || value === false) continue;
    if (key === "dangerouslySetInnerHTML") throw new Error("emails take text, never raw HTML");
    if (!ATTRIBUTE_NAME.test(key) || typeof value === "function")
      throw new Error(`attribute ${key} cannot be rendered`);
    const data = /^(data|aria)-/.test(key);
    const text =
      key === "style" ? css(value as Record<string, string>) : value === true && !data ? "" : String(value);
    const name = ATTRIBUTE_NAMES[key] ?? key;
    out += ` ${name}="${escape(text)}"`;
  }
  return out;
}

export function renderHtml(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint")
    return escape(String(node));
  if (Array.isArray(node)) return node.map(renderHtml).join("");
  if (!isValidElement(node)) throw new Error("emails render elements, text and arrays only");
  const { type, props } = elementParts(node);
  if (type === Fragment) return renderHtml(props.children);
  if (typeof type === "function") return renderHtml((type as Component)(props));
  const open = `<${type}${attributes(props)}`;
  return VOID_TAGS.has(type) ? `${open}/>` : `${open}>${renderHtml(props.children)}</${type}>`;
}

// Tags that stand apart in the text part (a paragraph) or on their own line (a row); the rest is inline.
const BLOCK_TAGS = new Set(["p", "div", "h1", "h2", "h3", "table", "ul", "ol", "hr"]);
const LINE_TAGS = new Set(["tr", "li"]);
const HIDDEN_TAGS = new Set(["head", "style", "title"]);

function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (!isValidElement(node)) throw new Error("emails render elements, text and arrays only");
  const { type, props } = elementParts(node);
  if (type === Fragment) return textOf(props.children);
  if (typeof type === "function") {
    const component = type as Component;
    return component.text ? component.text(props, textOf) : textOf(component(props));
  }
  if (HIDDEN_TAGS.has(type) || props["data-html-only"]) return "";
  if (type === "br") return "\n";
  const inner = textOf(props.children);
  if (BLOCK_TAGS.has(type)) return `\n\n${inner}\n\n`;
  return LINE_TAGS.has(type) ? `${inner}\n` : inner;
}

// The text part: the same tree, paragraphs apart, lines trimmed, at most one blank line in a row.
export function renderText(node: ReactNode): string {
  const lines = textOf(node)
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim());
  return `${lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()}\n`;
}

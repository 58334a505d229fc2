import { randomBytes } from "node:crypto";

// Licence keys people can read aloud and type: "DL-" and four groups of five Crockford base-32
// characters (no I, L, O or U), 100 random bits.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const groups = 4;
const groupLength = 5;

export function newLicenseKey(): string {
  const bytes = randomBytes(groups * groupLength);
  const chars = [...bytes].map((byte) => alphabet[byte & 31]);
  const parts = Array.from({ length: groups }, (_, index) =>
    chars.slice(index * groupLength, (index + 1) * groupLength).join(""),
  );
  return `DL-${parts.join("-")}`;
}

// What a person may type: any case, spaces or missing dashes, and the look-alikes O→0, I/L→1.
// Returns the canonical key, or null when the input cannot be one.
export function normalizeLicenseKey(input: string): string | null {
  if (input.length > 64) return null;
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/^DL/, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (compact.length !== groups * groupLength || ![...compact].every((char) => alphabet.includes(char)))
    return null;
  return `DL-${compact.match(new RegExp(`.{${groupLength}}`, "g"))!.join("-")}`;
}

// Apps send the key as `Authorization: Bearer DL-…` (electron-updater's requestHeaders) or as
// `?key=` (Sparkle, plain HTTP clients). `inQuery` says which, so download URLs handed back can
// carry the key the same way it came: a key sent in a header never ends up in a URL.
export function presentedLicenseKey(request: Request) {
  const header = /^Bearer\s+(DL-\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
  const query = new URL(request.url).searchParams.get("key");
  return { key: normalizeLicenseKey(header ?? query ?? ""), inQuery: !header && Boolean(query) };
}

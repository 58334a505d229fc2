// The store's settings as the admin form sends them: the one place their limits live.
import { z } from "zod";
import { normalizeEmail } from "../auth/email-address";
import { lineText } from "../input-schemas";
import { STORE_LOGO_MAX_BYTES } from "./limits";

const optional = (value: string) => (value === "" ? null : value);

// White text sits on the accent (buttons, the logo mark), so it must stay readable: WCAG AA's
// 4.5:1 for normal text.
export function contrastWithWhite(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

// A policy page: an https (or http) address anywhere, or a path on this store.
const policyLink = () =>
  lineText(500)
    .refine(
      (value) =>
        value === "" || /^\/(?![/\\])/.test(value) || (URL.canParse(value) && /^https?:/.test(value)),
      "an address starting with https:// or a path starting with /",
    )
    .transform(optional)
    .prefault("");

export const storeSettingsForm = z.object({
  name: lineText(80).pipe(z.string().min(1, "a store name is required")),
  accentColor: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^#[0-9a-f]{6}$/, "a colour like #4f46e5")
    .refine((hex) => contrastWithWhite(hex) >= 4.5, "too light: white text on it would be hard to read"),
  supportEmail: z
    .string()
    .trim()
    .max(254)
    .transform((value, context) => {
      if (value === "") return null;
      try {
        return normalizeEmail(value);
      } catch {
        context.addIssue({ code: "custom", message: "a single, plain email address like help@example.com" });
        return z.NEVER;
      }
    })
    .prefault(""),
  termsUrl: policyLink(),
  privacyUrl: policyLink(),
  refundUrl: policyLink(),
  // An empty file input still sends a File of size 0: that means "keep the current logo".
  logo: z
    .instanceof(File)
    .optional()
    .transform((file) => (file && file.size > 0 ? file : undefined))
    .refine((file) => !file || file.size <= STORE_LOGO_MAX_BYTES, "at most 512 KB"),
  removeLogo: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});

export type StoreSettingsForm = z.output<typeof storeSettingsForm>;

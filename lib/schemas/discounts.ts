// A discount code as the admin's form sends it: the one place its fields' limits live. Stripe's
// own limits apply too: codes of letters, digits and dashes, at most 100 %, a fixed amount only
// in an amount its currency can carry, and an expiry at most five years away.
import { z } from "zod";
import { recordId } from "../input-schemas";
import { parsePrice, SELLABLE_CURRENCIES } from "../money";
import { positiveOrEmpty } from "./products";

const DAY_MS = 86_400_000;
const MAX_DAYS = 5 * 365;

// Repeated form fields (one checkbox per tier) arrive as a list; a single one as a string.
const ids = z
  .union([recordId, z.array(recordId).max(200)])
  .optional()
  .transform((value) => (value === undefined ? [] : typeof value === "string" ? [value] : value));
const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");

export const discountForm = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{3,40}$/, "3 to 40 letters, digits or dashes, like LAUNCH20")
      .transform((code) => code.toUpperCase()),
    kind: z.enum(["percent", "amount"]),
    percentOff: z.string().trim().max(3).optional(),
    amount: z.string().trim().max(40).optional(),
    currency: z.enum(SELLABLE_CURRENCIES).optional(),
    // A date (YYYY-MM-DD): the code works until the end of that day, UTC.
    expiresOn: z
      .string()
      .trim()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/, "a date like 2027-01-31")
      .optional(),
    maxRedemptions: positiveOrEmpty("maximum redemptions: a whole number from 1, or empty for no limit"),
    firstPurchaseOnly: checkbox,
    productIds: ids,
    tierIds: ids,
  })
  .transform(({ percentOff, amount, currency, expiresOn, ...input }, context) => {
    const fail = (path: string, message: string) => {
      context.addIssue({ code: "custom", path: [path], message });
      return z.NEVER;
    };
    let off: { percentOff: number } | { amountOff: number; currency: string };
    if (input.kind === "percent") {
      if (!/^[1-9]\d{0,2}$/.test(percentOff ?? "") || Number(percentOff) > 100)
        return fail("percentOff", "a whole number from 1 to 100");
      off = { percentOff: Number(percentOff) };
    } else {
      if (!currency) return fail("currency", "a fixed amount needs its currency");
      const parsed = parsePrice(amount ?? "", currency);
      if (!parsed.ok) return fail("amount", parsed.message);
      if (parsed.amount === 0) return fail("amount", "more than nothing");
      off = { amountOff: parsed.amount, currency };
    }
    let expiresAt: Date | null = null;
    if (expiresOn) {
      expiresAt = new Date(`${expiresOn}T23:59:59.000Z`);
      const days = (expiresAt.getTime() - Date.now()) / DAY_MS;
      if (Number.isNaN(days) || days <= 0 || days > MAX_DAYS)
        return fail("expiresOn", "a day from today to five years ahead");
    }
    return { ...input, ...off, expiresAt };
  });

export type DiscountForm = z.output<typeof discountForm>;

export const discountId = z.object({ id: recordId });

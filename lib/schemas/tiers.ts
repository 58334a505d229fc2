// A price tier as the admin's tier form sends it: the one place its fields' limits live.
import { z } from "zod";
import { MAX_AUTO_RENEW_MONTHS } from "../catalog/renewal-terms";
import { MAX_SEATS } from "../catalog/tiers";
import { lineText, recordId } from "../input-schemas";
import { parsePrice, SELLABLE_CURRENCIES } from "../money";
import { positiveOrEmpty } from "./products";

const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");
const seatCount = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,4}$/, `seats: a whole number from 1 to ${MAX_SEATS}`)
  .transform(Number)
  .pipe(z.number().max(MAX_SEATS, `seats: at most ${MAX_SEATS}`));

export const tierForm = z
  .object({
    productId: recordId,
    id: recordId.optional().or(z.literal("").transform(() => undefined)),
    name: lineText(60).pipe(z.string().min(1, "a name is required")),
    price: z.string().max(40, "enter a price like 19.99"),
    // What renewing the window costs; empty = not renewable.
    renewalPrice: z.string().max(40, "enter a renewal price like 24.50").default(""),
    autoRenew: checkbox,
    currency: z.enum(SELLABLE_CURRENCIES),
    machinesPerSeat: positiveOrEmpty("machines per seat: a whole number from 1, or empty for no limit"),
    updateMonths: positiveOrEmpty("months of updates: a whole number from 1, or empty for every update"),
    taxBehavior: z.enum(["exclusive", "inclusive"]).default("exclusive"),
    perSeat: checkbox,
    minSeats: seatCount.default(1),
    maxSeats: seatCount.default(1),
    position: z
      .string()
      .trim()
      .regex(/^\d{0,3}$/, "position: a whole number from 0 to 999")
      .transform(Number)
      .default(0),
    active: checkbox,
  })
  .transform(({ price, renewalPrice, ...input }, context) => {
    const parsed = parsePrice(price, input.currency);
    if (!parsed.ok) {
      context.addIssue({ code: "custom", path: ["price"], message: parsed.message });
      return z.NEVER;
    }
    const renewal = renewalPriceOf(renewalPrice, input, context);
    if (renewal === z.NEVER) return z.NEVER;
    if (input.perSeat && input.minSeats > input.maxSeats) {
      context.addIssue({ code: "custom", path: ["maxSeats"], message: "at least the minimum seats" });
      return z.NEVER;
    }
    // A tier that is not sold per seat is always exactly one seat.
    const seats = input.perSeat ? {} : { minSeats: 1, maxSeats: 1 };
    return { ...input, ...seats, priceCents: parsed.amount, renewalPriceCents: renewal };
  });

// A renewal needs a window that can end; renewing automatically, a renewal price and a period
// Stripe can bill (at most 36 months between invoices).
function renewalPriceOf(
  typed: string,
  input: { currency: string; updateMonths?: number | null; autoRenew: boolean },
  context: z.RefinementCtx,
) {
  const issue = (path: string, message: string) => (
    context.addIssue({ code: "custom", path: [path], message }),
    z.NEVER
  );
  if (!typed.trim())
    return input.autoRenew ? issue("renewalPrice", "automatic renewal needs a renewal price") : null;
  if (!input.updateMonths) return issue("renewalPrice", "a renewal needs months of updates that can end");
  if (input.autoRenew && input.updateMonths > MAX_AUTO_RENEW_MONTHS)
    return issue(
      "autoRenew",
      `automatic renewal: at most ${MAX_AUTO_RENEW_MONTHS} months of updates (Stripe's limit)`,
    );
  const parsed = parsePrice(typed, input.currency);
  return parsed.ok ? parsed.amount : issue("renewalPrice", parsed.message);
}

export type TierForm = z.output<typeof tierForm>;

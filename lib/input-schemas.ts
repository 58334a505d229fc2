// Input shapes shared by server actions and the publishing API: ids as the database makes them,
// and text that PostgreSQL can store. Every text and jsonb column refuses NUL, so a string with
// one would otherwise pass validation and fail at the database as a 500.
import { z } from "zod";

export const recordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/i, "must be an id as returned by the API");

const MULTILINE_CONTROL = /(?![\t\n\r])\p{Cc}/u;
const LINE_CONTROL = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;
// A lone surrogate ("\ud800") has no UTF-8 form: the database, the bucket's key and the SDK's
// signer each fail on it in their own way.
export const WELL_FORMED = "must be valid Unicode text (no lone surrogate characters)";

// Markdown and other free text (release notes, descriptions): tabs and newlines, no other controls.
export const multilineText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max.toLocaleString("en")} characters`)
    .refine((text) => !MULTILINE_CONTROL.test(text), "must not contain control characters")
    .refine((text) => text.isWellFormed(), WELL_FORMED);

// One line (names, reasons, notes): no control characters and no text-direction overrides.
export const lineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((text) => !LINE_CONTROL.test(text), "must not contain control or text-direction characters")
    .refine((text) => text.isWellFormed(), WELL_FORMED);

// Stripe's list conventions for the stand-in: `limit`, cursor pagination with
// `starting_after` / `ending_before`, and the `created` range filter.
import { ApiError, asObject, asString, intAtLeast, type Form } from "./checkout-form";

const RANGE_OPS = ["gt", "gte", "lt", "lte"] as const;

// `created=T` matches exactly; `created[gt|gte|lt|lte]=T` combine as a range.
export function createdFilter(raw: unknown): (created: number) => boolean {
  if (raw === undefined) return () => true;
  if (typeof raw === "string") {
    const at = intAtLeast(raw, "created", 0);
    return (created) => created === at;
  }
  const bounds = Object.entries(asObject(raw) ?? {}).map(([op, value]) => {
    if (!RANGE_OPS.includes(op as (typeof RANGE_OPS)[number]))
      throw new ApiError(400, `Received unknown parameter: created[${op}]`, `created[${op}]`);
    return [op, intAtLeast(value, `created[${op}]`, 0)] as const;
  });
  return (created) =>
    bounds.every(([op, at]) =>
      op === "gt" ? created > at : op === "gte" ? created >= at : op === "lt" ? created < at : created <= at,
    );
}

// `items` is newest first. The cursor is located before filtering, so it keeps its place
// even when the object it names does not match the filters.
export function paginate<T extends { id: string }>(
  url: string,
  items: T[],
  form: Form,
  keep: (item: T) => boolean,
  kind: string,
) {
  const limit = form.limit === undefined ? 10 : intAtLeast(form.limit, "limit", 1, 100);
  const after = asString(form.starting_after);
  const before = asString(form.ending_before);
  if (after && before)
    throw new ApiError(400, "You may only specify one of these parameters: ending_before, starting_after.");
  const cursor = after ?? before;
  const at = cursor === undefined ? -1 : items.findIndex((item) => item.id === cursor);
  if (cursor !== undefined && at < 0)
    throw new ApiError(
      400,
      `No such ${kind}: '${cursor}'`,
      after ? "starting_after" : "ending_before",
      "resource_missing",
    );
  const window = (before ? items.slice(0, at) : items.slice(at + 1)).filter(keep);
  // ending_before pages towards newer objects: the ones right before the cursor, newest first.
  const data = before ? window.slice(-limit) : window.slice(0, limit);
  return { object: "list" as const, url, has_more: window.length > limit, data };
}

// `charge.*` style patterns; `*` matches any run of characters, dots included.
export function typeMatcher(pattern: string): (type: string) => boolean {
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  const regex = new RegExp(`^${escaped.join(".*")}$`);
  return (type) => regex.test(type);
}

// Request parsing for the checkout stand-in: Stripe's form encoding, JSON bodies for the
// admin endpoints, and the small value checks the endpoints share.
import { randomBytes } from "node:crypto";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly param?: string,
    readonly code?: string,
    readonly type = "invalid_request_error",
  ) {
    super(message);
  }
}

export type Form = Record<string, unknown>;

export const newId = (prefix: string) =>
  `${prefix}_test_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
export const now = () => Math.floor(Date.now() / 1000);
const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

// Turns Stripe's bracket-keyed form encoding (`a[0][b]=1`, `expand[]=x`) into nested
// objects, then objects whose keys are all indices into arrays.
export function parseForm(body: string): Form {
  const root: Form = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) continue;
    const path = [match[1], ...[...match[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1])];
    if (path.some((segment) => UNSAFE_KEYS.has(segment))) continue;
    let node = root;
    path.forEach((segment, i) => {
      const name = segment === "" ? String(Object.keys(node).length) : segment;
      if (i === path.length - 1) node[name] = value;
      else node = (typeof node[name] === "object" ? node[name] : (node[name] = {})) as Form;
    });
  }
  const arrayify = (value: unknown): unknown => {
    if (typeof value !== "object" || value === null) return value;
    const entries = Object.entries(value).map(([k, v]) => [k, arrayify(v)] as const);
    if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k)))
      return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
    return Object.fromEntries(entries);
  };
  return arrayify(root) as Form;
}

// JSON bodies become the same string-valued shape a form body gives, so one set of checks
// serves both (`{"amount": 500}` reads like `amount=500`).
export function parseBody(body: string, contentType: string | undefined): Form {
  if (!/^application\/json\b/i.test(contentType ?? "")) return parseForm(body);
  if (body.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ApiError(400, "Invalid JSON body.");
  }
  const stringify = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(stringify)
      : typeof value === "object" && value !== null
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([k]) => !UNSAFE_KEYS.has(k))
              .map(([k, v]) => [k, stringify(v)]),
          )
        : value === null
          ? undefined
          : String(value);
  const form = asObject(stringify(parsed));
  if (!form) throw new ApiError(400, "The JSON body must be an object.");
  return form;
}

export const asObject = (v: unknown) =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Form) : undefined;
export const asString = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
export const asStrings = (v: unknown) =>
  Array.isArray(v) ? v.filter((x) => typeof x === "string") : typeof v === "string" ? [v] : [];
export const metadataOf = (v: unknown) =>
  Object.fromEntries(Object.entries(asObject(v) ?? {}).filter(([, x]) => typeof x === "string")) as Record<
    string,
    string
  >;
export const missing = (param: string) =>
  new ApiError(400, `Missing required param: ${param}.`, param, "parameter_missing");

export function intAtLeast(v: unknown, param: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== "string" || !/^\d+$/.test(v))
    throw new ApiError(400, `Invalid integer: ${String(v ?? "")}`, param);
  const value = Number(v);
  if (value < min) throw new ApiError(400, `This value must be greater than or equal to ${min}.`, param);
  if (value > max) throw new ApiError(400, `This value must be less than or equal to ${max}.`, param);
  return value;
}

export function oneOf<T extends string>(v: unknown, param: string, allowed: readonly T[]): T {
  if (v === undefined || v === "") throw missing(param);
  if (!allowed.includes(v as T))
    throw new ApiError(400, `Invalid ${param}: must be one of ${allowed.join(", ")}.`, param);
  return v as T;
}

export function httpUrl(v: unknown, param: string): string {
  const value = asString(v);
  if (!value) throw missing(param);
  if (!/^https?:\/\/[^/]/i.test(value)) throw new ApiError(400, `Not a valid URL`, param, "url_invalid");
  return value;
}

// Scrubs secrets out of anything about to be logged: values under secret-looking keys, and
// secret-looking text anywhere (presigned URLs, Stripe keys, bearer tokens, URL passwords,
// licence keys, sign-in and unsubscribe tokens). A presigned URL is a bearer token for a file, so
// its whole query string goes. next-auth's logger (lib/auth/options.ts) and the console lines of
// Next.js itself (lib/boot.ts) pass through here too.

const REDACTED = "[redacted]";

const SECRET_KEY =
  /^(authorization|cookie|set-cookie|x-api-key|password|passwd|secret|token|access_?token|refresh_?token|session_?token|api_?key|client_?secret|signature|credentials?)$|secret|password|private_?key|access_?key|licen[cs]e_?key|signing_?keys?/i;

const PATTERNS: [RegExp, string][] = [
  // https://bucket.s3.amazonaws.com/key?X-Amz-Algorithm=…&X-Amz-Signature=… → keep the object, drop the query
  [/(https?:\/\/[^\s"'<>?]+)\?[^\s"'<>]*X-Amz-[^\s"'<>]*/gi, `$1?${REDACTED}`],
  [/(X-Amz-(?:Signature|Credential|Security-Token))=[^\s&"'<>]+/gi, `$1=${REDACTED}`],
  // A CloudFront signed URL (DOWNLOAD_CDN=cloudfront) is as much a bearer token as a presigned one.
  [/(https?:\/\/[^\s"'<>?]+)\?[^\s"'<>]*Key-Pair-Id=[^\s"'<>]*/gi, `$1?${REDACTED}`],
  [/\b((?:sk|rk)_(?:live|test))_[A-Za-z0-9_]+/g, `$1_${REDACTED}`],
  [/\bwhsec_[A-Za-z0-9_+/=-]+/g, `whsec_${REDACTED}`],
  [/\bdl_[A-Za-z0-9_-]{20,}/g, `dl_${REDACTED}`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
  // Licence keys, however typed (case, spaces and dashes are forgiven), and the credentials that
  // travel in query strings: ?key=DL-… (feeds, stable links), ?token=… (the emailed sign-in link
  // /api/auth/callback/email?token=…&email=…, unsubscribe links), also when percent-encoded in a
  // callbackUrl.
  [/\bDL[\s-]?[0-9A-Z]{5}(?:[\s-]?[0-9A-Z]{5}){3}\b/gi, `DL-${REDACTED}`],
  // …and without the prefix, as one run of 20 (upper case with a digit: words are not keys)
  [/\b(?=[0-9A-Z]{0,19}[0-9])[0-9A-Z]{20}\b/g, REDACTED],
  [/((?:[?&]|%3F|%26)(?:key|token)(?:=|%3D))[^&\s"'<>#]+/gi, `$1${REDACTED}`],
  // scheme://user:password@host → scheme://user:[redacted]@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*):[^\s@/"'<>]+@/gi, `$1:${REDACTED}@`],
  [/((?:next-auth|__Secure-next-auth|__Host-next-auth)\.[a-z-]+-token=)[^\s;"'<>]+/gi, `$1${REDACTED}`],
];

export function redactText(text: string): string {
  return PATTERNS.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object" || depth > 8) return value;
  if (value instanceof Error) return redactError(value, depth);
  if (value instanceof URL) return redactText(value.href);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Headers) return redact(Object.fromEntries(value), depth);
  if (value instanceof Date) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = SECRET_KEY.test(key) && item != null && item !== "" ? REDACTED : redact(item, depth + 1);
  }
  return result;
}

function redactError(error: Error, depth: number) {
  const extra = Object.fromEntries(Object.entries(error).filter(([key]) => key !== "$response"));
  return {
    type: error.name,
    message: redactText(error.message),
    stack: error.stack ? redactText(error.stack) : undefined,
    ...(redact(extra, depth + 1) as object),
    ...(error.cause !== undefined ? { cause: redact(error.cause, depth + 1) } : {}),
  };
}

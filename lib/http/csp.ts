// The Content-Security-Policy and the headers that depend on the deployment (HSTS). Pages are
// rendered per request (they read the session), so every response gets a fresh script nonce;
// Next.js reads it from the request's CSP header and puts it on its own scripts.
import type { Env } from "../env-schema";

type CspConfig = Pick<
  Env,
  | "NODE_ENV"
  | "APP_URL"
  | "S3_ENDPOINT"
  | "S3_BUCKET"
  | "S3_REGION"
  | "S3_FORCE_PATH_STYLE"
  | "STRIPE_API_URL"
>;

// Admins upload parts from the browser straight to the bucket, so the bucket's origin is
// one the page may connect to (the same origin the presigned part URLs point at).
export function bucketOrigin(config: CspConfig): string {
  if (config.S3_ENDPOINT) {
    const endpoint = new URL(config.S3_ENDPOINT);
    return config.S3_FORCE_PATH_STYLE
      ? endpoint.origin
      : `${endpoint.protocol}//${config.S3_BUCKET}.${endpoint.host}`;
  }
  return config.S3_FORCE_PATH_STYLE
    ? `https://s3.${config.S3_REGION}.amazonaws.com`
    : `https://${config.S3_BUCKET}.s3.${config.S3_REGION}.amazonaws.com`;
}

// Buying posts a form whose answer redirects to the checkout page; without JavaScript the
// browser checks that redirect against form-action.
export function checkoutOrigin(config: CspConfig): string {
  return config.STRIPE_API_URL ? new URL(config.STRIPE_API_URL).origin : "https://checkout.stripe.com";
}

export const isHttps = (config: Pick<Env, "APP_URL">) => config.APP_URL.startsWith("https://");

export function contentSecurityPolicy(config: CspConfig, nonce: string): string {
  const development = config.NODE_ENV === "development";
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonced bootstrap load its chunks; React's dev build needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (progress bars) cannot run code; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${bucketOrigin(config)}${development ? " ws:" : ""}`,
    `form-action 'self' ${checkoutOrigin(config)}`,
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "manifest-src 'self'",
    "worker-src 'self' blob:",
  ];
  if (isHttps(config)) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

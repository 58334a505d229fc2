// The configuration schema: every variable Downlink reads, validated in one place.
// Outside production, every variable falls back to the embedded stack of `npm run dev`
// (lib/embedded-defaults.ts). The app reads it through lib/env.ts; scripts call parseEnv.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { embeddedEnv, embeddedValuesIn, isLoopbackUrl, profiles } from "./embedded-defaults";
import { refineSigning, signingShape } from "./env-signing";

const emailList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim().toLowerCase())
    .filter(Boolean),
);

const bool = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1),
  S3_BUCKET: z.string().min(3),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool.default(false),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_"),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .min(8)
    .transform((value) => value.split(",").map((s) => s.trim())),
  STRIPE_API_URL: z.url().optional(),
  // Stripe Tax through Checkout (automatic tax, billing address, business tax IDs). Off for a
  // seller who handles tax elsewhere; on needs Stripe Tax set up in the Stripe account.
  STRIPE_TAX: bool.default(true),
  // The product tax code sent with every price: downloadable software (Stripe's txcd_10202000).
  STRIPE_TAX_CODE: z
    .string()
    .regex(/^txcd_\d{8}$/)
    .default("txcd_10202000"),
  // The buyer's consent that delivery starts at once and the right of withdrawal ends with it,
  // which EU law asks of digital content. Off for a seller outside the EU.
  WITHDRAWAL_CONSENT: bool.default(true),
  // An invoice for every purchase (Stripe Checkout's invoice creation, linked from the receipt).
  // Stripe charges for each one; off for a seller who sends no invoices.
  STRIPE_INVOICES: bool.default(true),
  EMAIL_SERVER: z.string().min(1),
  EMAIL_FROM: z.string().min(3),
  ADMIN_EMAILS: emailList.default([]),
  APP_URL: z.url(),
  AUTH_SECRET: z.string().min(16),
  DOWNLOAD_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(10, "DOWNLOAD_LINK_TTL_SECONDS must be at least 10")
    .max(3600, "DOWNLOAD_LINK_TTL_SECONDS must be at most 3600")
    .default(300),
  DOWNLOAD_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
  // How long an instance trusts the bucket's "the object is there" before asking again (0: on
  // every click); see lib/delivery/stored-objects.ts.
  OBJECT_CHECK_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  // Whether an instance remembers the store pages' data until the catalogue changes (false: read
  // it on every request, as a baseline); see lib/dal/storefront-cache.ts.
  STOREFRONT_CACHE: bool.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // How long SIGTERM waits for in-flight requests; keep it below the orchestrator's grace period.
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
  // Sign-in emails per 15 minutes, for one address and for one client address.
  SIGN_IN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(5),
  SIGN_IN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
  // Proxies in front of the app that append to X-Forwarded-For (lib/http/client-address.ts).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(20).default(0),
  // A production build on this machine's embedded stack (npm test, npm run bench) may use its
  // published development values; nothing else may (refusePublishedValues below).
  EMBEDDED_STACK: bool.default(false),
  // How long an emailed sign-in link works. Using one voids the address's other links.
  SIGN_IN_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60, "SIGN_IN_LINK_TTL_SECONDS must be at least 60")
    .max(86_400, "SIGN_IN_LINK_TTL_SECONDS must be at most 86400")
    .default(900),
  // Days a download or audit row keeps the client's IP address and user agent; `npm run
  // data:retention` (cron) clears them after that. The rows themselves stay (limits, history).
  DATA_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  ...signingShape,
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const input = { ...source };
  input.AUTH_SECRET ??= input.NEXTAUTH_SECRET;
  const fill = (defaults: Record<string, string>) => {
    for (const [key, value] of Object.entries(defaults)) if (!input[key]) input[key] = value;
  };
  if (input.NODE_ENV !== "production") {
    // The pool of one is for the embedded database's single session; a database named in the
    // environment gets the schema's default, so concurrency tests on it really run concurrently.
    const { DATABASE_POOL_MAX, ...defaults } = embeddedEnv(profiles.dev);
    fill(input.DATABASE_URL ? defaults : { ...defaults, DATABASE_POOL_MAX });
  }
  // `next build` prerenders static pages (e.g. /_not-found) without the runtime's secrets. It gets
  // addresses and throwaway secrets, never the published ones: NEXT_PHASE is only a variable, and
  // a server started with it is refused by server.js (scripts/standalone-assets.mjs).
  else if (input.NEXT_PHASE === "phase-production-build") fill(buildPlaceholders());
  const result = schema.superRefine(refusePublishedValues).superRefine(refineSigning).safeParse(input);
  if (!result.success) {
    // Unset variables are named together in one line, the rest one per line.
    const unset = result.error.issues.filter(
      (issue) => issue.code !== "custom" && issue.path.length === 1 && !input[String(issue.path[0])],
    );
    const problems = result.error.issues
      .filter((issue) => !unset.includes(issue))
      .map((issue) => `  ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
    if (unset.length)
      problems.unshift(`  missing: ${[...new Set(unset.map((issue) => String(issue.path[0])))].join(", ")}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}\nSee .env.example.`);
  }
  return result.data;
}

// The embedded stack's secrets are in this repository, so in production they sign nothing: a
// session, a webhook or a bucket request "signed" with them could come from anyone. One message
// names every such value. EMBEDDED_STACK lifts this only for a store on this machine.
function refusePublishedValues(config: Env, context: z.RefinementCtx) {
  if (config.NODE_ENV !== "production") return;
  const local = isLoopbackUrl(config.APP_URL);
  if (config.EMBEDDED_STACK && !local) {
    context.addIssue({
      code: "custom",
      path: ["EMBEDDED_STACK"],
      message: "only for a store on this machine (APP_URL on localhost); unset it",
    });
  }
  const published = embeddedValuesIn(config);
  if (published.length && !(config.EMBEDDED_STACK && local)) {
    context.addIssue({
      code: "custom",
      path: [],
      message:
        `embedded development values, published with the source: ${published.join(", ")}. ` +
        "Set your own secrets and leave STRIPE_API_URL unset (the real Stripe API). A production build " +
        "on this machine's embedded stack (npm test, npm run bench) sets EMBEDDED_STACK=true, " +
        "with APP_URL on localhost",
    });
  }
}

function buildPlaceholders(): Record<string, string> {
  const { DATABASE_URL, S3_REGION, S3_BUCKET, EMAIL_SERVER, EMAIL_FROM, APP_URL } = embeddedEnv(profiles.dev);
  const throwaway = () => randomBytes(24).toString("base64url");
  return {
    ...{ DATABASE_URL, S3_REGION, S3_BUCKET, EMAIL_SERVER, EMAIL_FROM, APP_URL },
    AUTH_SECRET: throwaway(),
    STRIPE_SECRET_KEY: `sk_build_${throwaway()}`,
    STRIPE_WEBHOOK_SECRET: throwaway(),
    LICENSE_SIGNING_KEYS: `build:${randomBytes(32).toString("base64")}`,
  };
}

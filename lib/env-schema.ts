// The configuration schema: every variable Downlink reads, validated in one place.
// Outside production, every variable falls back to the embedded stack of `npm run dev`
// (lib/embedded-defaults.ts). The app reads it through lib/env.ts; scripts call parseEnv.
import { z } from "zod";
import { embeddedEnv, embeddedStripe, profiles } from "./embedded-defaults";

const emailList = z
  .string()
  .transform((value) => value.split(",").map((item) => item.trim().toLowerCase()).filter(Boolean));

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
  STRIPE_WEBHOOK_SECRET: z.string().min(8).transform((value) => value.split(",").map((s) => s.trim())),
  STRIPE_API_URL: z.url().optional(),
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
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // How long SIGTERM waits for in-flight requests; keep it below the orchestrator's grace period.
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(25),
  // Sign-in emails per 15 minutes, for one address and for one client address.
  SIGN_IN_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(5),
  SIGN_IN_LIMIT_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
  // How long an emailed sign-in link works. Using one voids the address's other links.
  SIGN_IN_LINK_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60, "SIGN_IN_LINK_TTL_SECONDS must be at least 60")
    .max(86_400, "SIGN_IN_LINK_TTL_SECONDS must be at most 86400")
    .default(900),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const input = { ...source };
  input.AUTH_SECRET ??= input.NEXTAUTH_SECRET;
  // `next build` prerenders static pages (e.g. /_not-found) without the runtime's secrets; it
  // fills the gaps as development does. The server checks the real values when it starts.
  const building = input.NEXT_PHASE === "phase-production-build";
  if (input.NODE_ENV !== "production" || building) {
    for (const [key, value] of Object.entries(embeddedEnv(profiles.dev))) {
      if (!input[key]) input[key] = value;
    }
  }
  const result = schema
    .refine(
      (config) => config.NODE_ENV !== "production" || !config.STRIPE_API_URL || config.STRIPE_SECRET_KEY === embeddedStripe.secretKey,
      {
        path: ["STRIPE_API_URL"],
        message: "a production build talks to the real Stripe API only; unset STRIPE_API_URL (the local stand-in accepts only its own test key)",
      },
    )
    .safeParse(input);
  if (!result.success) {
    // Unset variables are named together in one line, the rest one per line.
    const unset = result.error.issues.filter((issue) => issue.path.length === 1 && !input[String(issue.path[0])]);
    const problems = result.error.issues
      .filter((issue) => !unset.includes(issue))
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    if (unset.length) problems.unshift(`  missing: ${[...new Set(unset.map((issue) => String(issue.path[0])))].join(", ")}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}\nSee .env.example.`);
  }
  return result.data;
}


// Addresses and credentials of the embedded stack that `npm run dev` and `npm test` start.
// lib/env.ts falls back to the "dev" profile outside production; the stack scripts start
// their services on these ports. Tests use their own profile so they can run beside dev.

export type StackProfile = {
  appPort: number;
  postgresPort: number;
  s3Port: number;
  smtpPort: number;
  mailUiPort: number;
  checkoutPort: number;
  dataDir: string;
};

export const profiles = {
  dev: {
    appPort: 3000,
    postgresPort: 54329,
    s3Port: 4568,
    smtpPort: 1025,
    mailUiPort: 1080,
    checkoutPort: 12111,
    dataDir: ".data/dev",
  },
  test: {
    appPort: 3100,
    postgresPort: 54339,
    s3Port: 4578,
    smtpPort: 1035,
    mailUiPort: 1090,
    checkoutPort: 12121,
    dataDir: ".data/test",
  },
  bench: {
    appPort: 3200,
    postgresPort: 54349,
    s3Port: 4588,
    smtpPort: 1045,
    mailUiPort: 1100,
    checkoutPort: 12131,
    dataDir: ".data/bench",
  },
} satisfies Record<string, StackProfile>;

// Fixed by the local S3 server; they unlock nothing outside this machine.
export const embeddedS3 = {
  accessKeyId: "S3RVER",
  secretAccessKey: "S3RVER",
  region: "us-east-1",
  bucket: "downlink-builds",
};

// Local-only secrets for the checkout stand-in. Real Stripe keys come from the environment.
export const embeddedStripe = {
  secretKey: "sk_test_downlink_local",
  webhookSecret: "downlink-local-webhook-secret",
};

export const embeddedAuthSecret = "downlink-local-auth-secret-not-for-production";

// The licence-signing key of `npm run dev` and `npm test` (SHA-256 of a phrase, so anyone can
// make it): licences and answers signed with it prove nothing, and production refuses it.
export const embeddedLicenseKey = "local-dev:4S7wJC0FIHhwwRj0E8HDTb4jitecW0T8StnVA9OXZ1U=";

export function embeddedEnv(profile: StackProfile): Record<string, string> {
  const host = "127.0.0.1";
  return {
    DATABASE_URL: `postgresql://postgres:postgres@${host}:${profile.postgresPort}/postgres?sslmode=disable`,
    // PGlite runs one session for all connections: interleaved queries from several
    // connections break each other, so the app queues its queries on one.
    DATABASE_POOL_MAX: "1",
    S3_ENDPOINT: `http://${host}:${profile.s3Port}`,
    S3_REGION: embeddedS3.region,
    S3_BUCKET: embeddedS3.bucket,
    S3_ACCESS_KEY_ID: embeddedS3.accessKeyId,
    S3_SECRET_ACCESS_KEY: embeddedS3.secretAccessKey,
    S3_FORCE_PATH_STYLE: "true",
    STRIPE_SECRET_KEY: embeddedStripe.secretKey,
    STRIPE_WEBHOOK_SECRET: embeddedStripe.webhookSecret,
    STRIPE_API_URL: `http://${host}:${profile.checkoutPort}`,
    EMAIL_SERVER: `smtp://${host}:${profile.smtpPort}`,
    EMAIL_FROM: "Downlink <no-reply@downlink.local>",
    ADMIN_EMAILS: "admin@example.com",
    APP_URL: `http://localhost:${profile.appPort}`,
    AUTH_SECRET: embeddedAuthSecret,
    LICENSE_SIGNING_KEYS: embeddedLicenseKey,
    DOWNLOAD_LINK_TTL_SECONDS: "300",
  };
}

type ConfigValues = {
  AUTH_SECRET: string;
  STRIPE_SECRET_KEY: string;
  STRIPE_WEBHOOK_SECRET: string[];
  STRIPE_API_URL?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  ADMIN_EMAILS: string[];
  LICENSE_SIGNING_KEYS: { raw: Buffer }[];
};

// The variables of a configuration that hold one of the values above: in production they would
// sign with secrets anyone can read here, talk to the local checkout stand-in (STRIPE_API_URL, for
// which the real Stripe API is the only production target), or make the demo admin an admin.
// .env.example's placeholders ("replace_with_…", "sk_test_replace_me") are published too.
const placeholder = (value: string | undefined) => /replace_(with|me)/.test(value ?? "");

export function embeddedValuesIn(config: ConfigValues): string[] {
  const demoAdmins = embeddedEnv(profiles.dev).ADMIN_EMAILS.split(",");
  const checks: [string, boolean][] = [
    ["AUTH_SECRET", config.AUTH_SECRET === embeddedAuthSecret || placeholder(config.AUTH_SECRET)],
    [
      "STRIPE_SECRET_KEY",
      config.STRIPE_SECRET_KEY === embeddedStripe.secretKey || placeholder(config.STRIPE_SECRET_KEY),
    ],
    [
      "STRIPE_WEBHOOK_SECRET",
      config.STRIPE_WEBHOOK_SECRET.some(
        (secret) => secret === embeddedStripe.webhookSecret || placeholder(secret),
      ),
    ],
    ["STRIPE_API_URL", Boolean(config.STRIPE_API_URL)],
    ["S3_ACCESS_KEY_ID", config.S3_ACCESS_KEY_ID === embeddedS3.accessKeyId],
    ["S3_SECRET_ACCESS_KEY", config.S3_SECRET_ACCESS_KEY === embeddedS3.secretAccessKey],
    ["ADMIN_EMAILS", config.ADMIN_EMAILS.some((email) => demoAdmins.includes(email))],
    [
      "LICENSE_SIGNING_KEYS",
      config.LICENSE_SIGNING_KEYS.some(
        (key) => key.raw.toString("base64") === embeddedLicenseKey.slice(embeddedLicenseKey.indexOf(":") + 1),
      ),
    ],
  ];
  return checks.filter(([, published]) => published).map(([name]) => name);
}

export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(?:\.\d{1,3}){3}$/.test(host);
}

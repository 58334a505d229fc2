// Starts the embedded services that stand in for PostgreSQL, S3, SMTP and Stripe, except
// where the environment already names a real one, then migrates the database. Returns the
// environment the app and the tests run with.
import { embeddedEnv, embeddedS3, embeddedStripe, type StackProfile } from "../lib/embedded-defaults";
import { startCheckout } from "./embedded/checkout";
import { startMail } from "./embedded/mail";
import { startPostgres } from "./embedded/postgres";
import type { Service } from "./embedded/process";
import { startS3 } from "./embedded/s3";
import { applyMigrations } from "./migrate";

export type Stack = {
  env: Record<string, string>;
  services: Service[];
  mailUi?: string;
  stop(): Promise<void>;
};

export async function startStack(profile: StackProfile, options: { verbose?: boolean } = {}): Promise<Stack> {
  const given = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value)) as Record<
    string,
    string
  >;
  const defaults = embeddedEnv(profile);
  if (given.PORT) defaults.APP_URL = `http://localhost:${given.PORT}`;
  // A production build run on these services (npm test, npm run bench) uses their published
  // credentials, which a production start refuses unless told it runs here (lib/env-schema.ts).
  const env: Record<string, string> = { ...defaults, EMBEDDED_STACK: "true", ...given };
  if (given.DATABASE_URL && !given.DATABASE_POOL_MAX) delete env.DATABASE_POOL_MAX;
  const services: Service[] = [];
  const stop = async () => {
    await Promise.allSettled(services.reverse().map((service) => service.stop()));
  };

  try {
    const starts: Promise<Service>[] = [];
    if (!given.DATABASE_URL) {
      starts.push(
        startPostgres({ port: profile.postgresPort, dataDir: profile.dataDir, verbose: options.verbose }),
      );
    }
    if (!given.S3_ENDPOINT && !given.S3_BUCKET) {
      starts.push(
        startS3({
          port: profile.s3Port,
          dataDir: profile.dataDir,
          bucket: embeddedS3.bucket,
          corsOrigins: [env.APP_URL],
          verbose: options.verbose,
        }),
      );
    }
    if (!given.EMAIL_SERVER) {
      starts.push(
        startMail({ smtpPort: profile.smtpPort, uiPort: profile.mailUiPort, verbose: options.verbose }),
      );
    }
    if (!given.STRIPE_SECRET_KEY) {
      // The app checks signatures against STRIPE_WEBHOOK_SECRET (the built-in one unless it is
      // set), so the stand-in signs with that; of a list being rolled, with the first.
      const [webhookSecret] = env.STRIPE_WEBHOOK_SECRET.split(",").map((secret) => secret.trim());
      starts.push(
        startCheckout({
          port: profile.checkoutPort,
          secretKey: embeddedStripe.secretKey,
          webhookSecret,
          webhookUrl: `${env.APP_URL}/api/webhooks/stripe`,
        }),
      );
    } else if (!given.STRIPE_API_URL) {
      delete env.STRIPE_API_URL; // a real key talks to the real Stripe API
    }
    const results = await Promise.allSettled(starts);
    for (const result of results) if (result.status === "fulfilled") services.push(result.value);
    const failed = results.find((result) => result.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;

    await applyMigrations(env.DATABASE_URL);
  } catch (error) {
    await stop();
    throw error;
  }
  const mailUi = services.some((service) => service.name === "mail")
    ? `http://127.0.0.1:${profile.mailUiPort}`
    : undefined;
  return { env, services, mailUi, stop };
}

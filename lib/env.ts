// The app's only reader of process.env. Parsed on first use (not at import) so that
// `next build` needs no runtime secrets.
import "server-only";
import { parseEnv, type Env } from "./env-schema";

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    cached = parseEnv(process.env);
    // next-auth 4 reads its own variables; hand it the validated values.
    process.env.NEXTAUTH_URL ??= cached.APP_URL;
    process.env.NEXTAUTH_SECRET ??= cached.AUTH_SECRET;
  }
  return cached;
}

import "server-only";
import { cookies } from "next/headers";
import { env } from "../env";

// next-auth's double-submit CSRF cookie holds "<token>|<hash of token and secret>"; it is named
// with the __Host- prefix when the app runs behind https (useSecureCookies in options.ts).
const csrfCookieName = () => `${env().APP_URL.startsWith("https://") ? "__Host-" : ""}next-auth.csrf-token`;

// The token the sign-in form posts beside that cookie, so that it works before JavaScript runs
// (or without it). null until next-auth has set the cookie in this browser. next-auth checks the
// pair itself; a stale cookie only means it answers with a fresh one and the form once more.
export async function signInFormCsrfToken(): Promise<string | null> {
  const value = (await cookies()).get(csrfCookieName())?.value;
  return value?.split("|")[0] || null;
}

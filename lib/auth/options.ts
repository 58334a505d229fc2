import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import type { NextAuthOptions } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import EmailProvider from "next-auth/providers/email";
import { claimEntitlementsByEmail } from "../dal/entitlements";
import { consumeSignInLink } from "../dal/sign-in-links";
import { db } from "../db";
import { env } from "../env";
import { log } from "../log";
import { sendMagicLink } from "../mail/magic-link";
import { sameOriginRedirect } from "./callback-url";
import { isAdminEmail, normalizeEmail } from "./email-address";
import { describeLinkLifetime } from "./sign-in-messages";
import { allowSignInMail, type SignInAttempt } from "./sign-in-limit";

// Built per request: the route handler passes the request's `attempt`, through which the sign-in
// limit learns the client address and reports a refusal back. Without one, no link is mailed.
export function authOptions(attempt?: SignInAttempt): NextAuthOptions {
  const config = env();
  const lifetime = describeLinkLifetime(config.SIGN_IN_LINK_TTL_SECONDS);
  return {
    adapter: { ...PrismaAdapter(db), useVerificationToken: consumeSignInLink } as Adapter,
    secret: config.AUTH_SECRET,
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    // Behind https: __Secure-/__Host- cookie names with the Secure flag (HttpOnly and
    // SameSite=Lax are next-auth's defaults for the session cookie).
    useSecureCookies: config.APP_URL.startsWith("https://"),
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [
      EmailProvider({
        server: config.EMAIL_SERVER,
        from: config.EMAIL_FROM,
        maxAge: config.SIGN_IN_LINK_TTL_SECONDS,
        normalizeIdentifier: (identifier) => {
          try {
            return normalizeEmail(identifier);
          } catch (error) {
            if (attempt) attempt.invalidAddress = true;
            throw error;
          }
        },
        sendVerificationRequest: ({ identifier, url }) =>
          sendMagicLink({ to: identifier, url, host: new URL(url).host, lifetime }),
      }),
    ],
    callbacks: {
      // Asked with `verificationRequest` just before a link is created and mailed, with the
      // normalised address as the account id; asked again without it when a link is opened.
      signIn: ({ account, email }) => {
        if (!email?.verificationRequest) return true;
        return account ? allowSignInMail(account.providerAccountId, attempt) : false;
      },
      redirect: ({ url, baseUrl }) => sameOriginRedirect(url, baseUrl),
      session: ({ session, user }) => ({
        ...session,
        user: { ...session.user, id: user.id, isAdmin: isAdminEmail(user.email, config.ADMIN_EMAILS) },
      }),
    },
    // next-auth's own errors as structured lines: a refused address is a warning without a stack
    // trace (it is the visitor's input, not a fault), anything else an error.
    logger: {
      error: (code, metadata) => {
        const message =
          metadata instanceof Error ? metadata.message : ((metadata as { message?: string })?.message ?? "");
        if (code === "SIGNIN_EMAIL_ERROR") log.warn({ code }, `sign-in refused: ${message}`);
        else log.error({ code, err: metadata }, "next-auth error");
      },
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => {},
    },
    events: {
      // Purchases made as a guest belong to whoever proves they own the purchase email.
      signIn: async ({ user }) => {
        if (user.email) await claimEntitlementsByEmail(user.id, user.email);
      },
    },
  };
}

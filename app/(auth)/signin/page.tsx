import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import {
  INVALID_EMAIL_ERROR,
  INVALID_EMAIL_MESSAGE,
  RATE_LIMITED_MESSAGE,
} from "@/lib/auth/sign-in-messages";
import { callbackPathOf } from "@/lib/auth/callback-url";
import { signInFormCsrfToken } from "@/lib/auth/form-csrf";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { purchaseEmailForThisBrowser } from "@/lib/payments/checkout-browser";

export const metadata: Metadata = { title: "Sign in" };

const errors: Record<string, string> = {
  Verification:
    "That sign-in link has expired, was already used, or a newer link was used. Ask for a new one.",
  EmailSignin: "We could not send a sign-in link to that address.",
  RateLimited: RATE_LIMITED_MESSAGE,
  [INVALID_EMAIL_ERROR]: INVALID_EMAIL_MESSAGE,
};

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; form?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, error, form } = await searchParams;
  const target = callbackPathOf(callbackUrl, env().APP_URL);
  if (await getCurrentUser()) redirect(target);
  // Without next-auth's CSRF token in it, the form could only post with JavaScript's help: fetch
  // the cookie once (app/api/auth/sign-in-form), then render the form with the token.
  const csrfToken = await signInFormCsrfToken();
  if (!csrfToken && form !== "ready")
    redirect(`/api/auth/sign-in-form?${new URLSearchParams({ callbackUrl: target })}`);
  return (
    <div className="mx-auto max-w-sm space-y-6 rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Sign in</h1>
        <p className="text-sm text-zinc-600">No password needed. We email you a link that signs you in.</p>
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          {errors[error] ?? "Sign-in failed. Please try again."}
        </p>
      )}
      <SignInForm
        callbackUrl={target}
        csrfToken={csrfToken}
        // A buyer who just paid as a guest, in this browser, signs in with the address they paid with.
        defaultEmail={(await purchaseEmailForThisBrowser()) ?? ""}
      />
    </div>
  );
}

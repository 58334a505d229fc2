"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  INVALID_EMAIL_ERROR,
  INVALID_EMAIL_MESSAGE,
  RATE_LIMITED_MESSAGE,
} from "@/lib/auth/sign-in-messages";

// A real form post to next-auth's endpoint, with its CSRF token, so that it works (and keeps the
// address out of the URL) before hydration or without JavaScript; once hydrated, it stays on the
// page and shows errors inline. `csrfToken` is null only in a browser that keeps no cookies.
export function SignInForm({
  callbackUrl,
  csrfToken,
  defaultEmail = "",
}: {
  callbackUrl: string;
  csrfToken: string | null;
  defaultEmail?: string;
}) {
  const [email, setEmail] = useState(defaultEmail);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await signIn("email", { email, callbackUrl, redirect: false });
      if (result?.ok && !result.error) {
        router.push("/signin/check-email");
      } else if (result?.error === "RateLimited") {
        setError(RATE_LIMITED_MESSAGE);
      } else if (result?.error === INVALID_EMAIL_ERROR) {
        setError(INVALID_EMAIL_MESSAGE);
      } else {
        setError("We could not send a sign-in link to that address. Check it and try again.");
      }
    });
  }

  return (
    <form method="post" action="/api/auth/signin/email" onSubmit={submit} className="space-y-4">
      {csrfToken && <input type="hidden" name="csrfToken" value={csrfToken} />}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block space-y-1.5">
        <span className="text-sm font-medium text-zinc-700">Email address</span>
        <input
          type="email"
          name="email"
          required
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          placeholder="you@example.com"
          className="w-full rounded-lg border border-zinc-300 px-3 py-2.5 outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-200"
        />
      </label>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-indigo-600 px-4 py-2.5 font-semibold text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Sending link…" : "Email me a sign-in link"}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-600">
          {error}
        </p>
      )}
    </form>
  );
}

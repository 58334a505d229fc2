"use client";

// A plain form post to next-auth's sign-out endpoint, as its own `signOut()` sends it, without
// next-auth's browser client (12 kB gzip that every page would load for this one button). The token
// is fetched when the button is pressed, so a browser that restarted since signing in (next-auth's
// CSRF cookie lives for the browser session) signs out all the same; without JavaScript the form
// posts the token the page was rendered with, or next-auth asks once more on its own page.
export function SignOutButton({ csrfToken }: { csrfToken: string | null }) {
  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const answer = await fetch("/api/auth/csrf", { cache: "no-store" }).then((response) => response.json());
    (form.elements.namedItem("csrfToken") as HTMLInputElement).value = answer.csrfToken;
    form.submit();
  }
  return (
    <form method="post" action="/api/auth/signout" onSubmit={submit}>
      <input type="hidden" name="csrfToken" defaultValue={csrfToken ?? ""} />
      <input type="hidden" name="callbackUrl" value="/" />
      <button
        type="submit"
        className="rounded-md border border-zinc-300 px-3 py-1.5 text-zinc-700 hover:bg-zinc-100"
      >
        Sign out
      </button>
    </form>
  );
}

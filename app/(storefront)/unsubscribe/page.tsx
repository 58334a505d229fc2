import type { Metadata } from "next";
import { UnsubscribeForm } from "@/components/unsubscribe-form";
import { productName } from "@/lib/dal/release-notifications";
import { verifyUnsubscribe } from "@/lib/notifications/unsubscribe";

export const metadata: Metadata = { title: "Unsubscribe" };

type Props = { searchParams: Promise<{ email?: string; product?: string; token?: string; topic?: string }> };

// Opened from the link in a release email or a renewal reminder; unsubscribing takes a click, so
// link scanners that fetch every URL in a message unsubscribe nobody.
export default async function UnsubscribePage({ searchParams }: Props) {
  const { email, product, token, topic } = await searchParams;
  const verified = verifyUnsubscribe(email, product, token, topic);
  const name = verified ? await productName(verified.productId) : null;
  const reminders = verified?.topic === "renewal_reminder";
  return (
    <div className="mx-auto max-w-md space-y-4 rounded-xl border border-zinc-200 bg-white p-8 shadow-sm">
      <h1 className="text-2xl font-semibold">{reminders ? "Renewal reminders" : "Release emails"}</h1>
      {verified && name ? (
        <>
          <p className="text-sm text-zinc-600">
            Stop sending <strong className="text-zinc-900">{verified.email}</strong>{" "}
            {reminders
              ? `a reminder when updates for ${name} are about to end?`
              : `an email when a new version of ${name} is published?`}{" "}
            Your purchase and downloads stay as they are.
          </p>
          <UnsubscribeForm
            email={verified.email}
            product={verified.productId}
            token={token!}
            topic={verified.topic}
            name={name}
          />
        </>
      ) : (
        <p role="alert" className="text-sm text-red-700">
          This unsubscribe link is not valid. Use the link from the latest email.
        </p>
      )}
    </div>
  );
}

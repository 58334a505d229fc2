import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountHeader } from "@/components/account/account-nav";
import { EmailToggle } from "@/components/account/email-toggle";
import { getCurrentUser } from "@/lib/auth/session";
import { listEmailPreferences } from "@/lib/dal/account";

export const metadata: Metadata = { title: "Email preferences" };

// Receipts and sign-in links always go out; what a buyer chooses per product is whether they hear
// about new releases and about their update window ending.
export default async function AccountEmailsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=/account/emails");
  const preferences = await listEmailPreferences(user.id, user.email);
  return (
    <div className="space-y-8">
      <AccountHeader email={user.email} current="/account/emails" />
      <section className="space-y-4" aria-labelledby="emails-heading">
        <div className="space-y-1">
          <h2 id="emails-heading" className="text-xl font-semibold">
            Emails about your products
          </h2>
          <p className="text-sm text-zinc-600">
            Receipts and sign-in links always arrive. Release emails tell you when a new version is out;
            renewal reminders come 30 and 7 days before your updates end, and once after.
          </p>
        </div>
        {preferences.length === 0 ? (
          <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500">
            Nothing to choose yet: these settings appear once you own a product.
          </p>
        ) : (
          <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 bg-white shadow-sm">
            {preferences.map((preference) => (
              <li key={preference.productId} className="space-y-3 px-5 py-4" data-testid="email-preference">
                <h3 className="font-medium">{preference.name}</h3>
                <EmailToggle
                  productId={preference.productId}
                  product={preference.name}
                  topic="release"
                  on={preference.topics.release}
                />
                <EmailToggle
                  productId={preference.productId}
                  product={preference.name}
                  topic="renewal_reminder"
                  on={preference.topics.renewal_reminder}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AccountHeader } from "@/components/account/account-nav";
import { DataExport } from "@/components/account/data-export";
import { DownloadHistory } from "@/components/account/download-history";
import { LicenceCard } from "@/components/account/licence-card";
import { getCurrentUser } from "@/lib/auth/session";
import { listOwnLicences } from "@/lib/dal/account";
import { listDownloadHistory } from "@/lib/dal/download-events";

export const metadata: Metadata = { title: "Account" };

// The customer portal's first page: the buyer's licence keys with their machines (free one to
// move to a new computer), renewal and upgrade, and every download they asked for.
export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin?callbackUrl=/account");
  const [licences, history] = await Promise.all([listOwnLicences(user.id), listDownloadHistory(user.id)]);
  const now = new Date();

  return (
    <div className="space-y-8">
      <AccountHeader email={user.email} current="/account" />
      <section className="space-y-4" aria-labelledby="licences-heading">
        <div className="space-y-1">
          <h2 id="licences-heading" className="text-xl font-semibold">
            Licence keys
          </h2>
          <p className="text-sm text-zinc-600">
            Moving to a new computer? Deactivate the old one here, then enter the key in the app on the new
            one.
          </p>
        </div>
        {licences.length === 0 ? (
          <p className="rounded-xl border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500">
            No licence keys yet.{" "}
            <Link href="/" className="font-medium text-indigo-600 hover:underline">
              Browse the store
            </Link>
          </p>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">
            {licences.map((licence) => (
              <LicenceCard key={licence.id} licence={licence} now={now} />
            ))}
          </div>
        )}
      </section>
      <DownloadHistory history={history} />
      <DataExport />
    </div>
  );
}

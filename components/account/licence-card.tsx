import Link from "next/link";
import type { OwnLicence } from "@/lib/dal/account";
import { formatDate } from "@/lib/format";
import { DeactivateMachine } from "./deactivate-machine";
import { MaskedKey } from "./masked-key";

const linkButton =
  "rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-1.5 text-sm font-medium text-indigo-800 hover:bg-indigo-100";

function updatesText(until: Date | null, now: Date) {
  if (!until) return "included forever";
  return `${until < now ? "ended" : "until"} ${formatDate(until)}`;
}

// One purchase's licence key: the key (masked), its machines with a button to free each, how long
// updates run, and the ways to extend it (renew a window, upgrade to a later tier).
export function LicenceCard({ licence, now }: { licence: OwnLicence; now: Date }) {
  const { product, tier, license } = licence;
  const active = licence.status === "active";
  const machines = license.machines;
  return (
    <article
      className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm"
      data-testid={`licence-${product.slug}`}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold">{product.name}</h3>
          {tier && (
            <p className="text-sm text-zinc-500">
              {tier.name}
              {tier.perSeat && ` · ${licence.seats} seat${licence.seats === 1 ? "" : "s"}`}
            </p>
          )}
        </div>
        {!active && (
          <span className="rounded-full bg-red-50 px-3 py-1 text-xs font-medium text-red-700">
            {licence.status === "revoked" ? "Access revoked" : "Access suspended"}
          </span>
        )}
      </header>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm sm:gap-x-6">
        <dt className="text-zinc-500">Licence key</dt>
        <dd>
          <MaskedKey value={license.key} product={product.name} revoked={license.revoked} />
        </dd>
        <dt className="text-zinc-500">Updates</dt>
        <dd>{updatesText(licence.updatesUntil, now)}</dd>
        <dt className="text-zinc-500">Machines</dt>
        <dd data-testid="machine-count">
          {machines.length}
          {license.limit === null ? " (no limit)" : ` of ${license.limit}`}
        </dd>
      </dl>
      {machines.length > 0 && (
        <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-100" data-testid="machines">
          {machines.map((machine) => {
            const name = machine.label || "Unnamed machine";
            return (
              <li
                key={machine.id}
                className="flex flex-col gap-2 px-4 py-3 text-sm sm:flex-row sm:items-center sm:justify-between"
              >
                <div className="min-w-0">
                  <p className="font-medium">{name}</p>
                  <p className="text-xs text-zinc-500">
                    <span className="break-all font-mono">{machine.fingerprint.slice(0, 16)}</span> ·
                    activated {formatDate(machine.createdAt)} · last seen {formatDate(machine.lastSeenAt)}
                  </p>
                </div>
                <DeactivateMachine activationId={machine.id} name={name} />
              </li>
            );
          })}
        </ul>
      )}
      {active && (licence.updatesUntil || licence.canUpgrade) && (
        <div className="flex flex-wrap gap-2">
          {licence.updatesUntil && (
            <Link href={`/account/renew/${licence.id}`} className={linkButton}>
              Renew updates
            </Link>
          )}
          {licence.canUpgrade && (
            <Link href={`/account/upgrade/${licence.id}`} className={linkButton}>
              Upgrade
            </Link>
          )}
        </div>
      )}
    </article>
  );
}

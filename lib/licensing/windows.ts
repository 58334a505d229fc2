import { newLicenseKey } from "./keys";

// "Updates for N months": a release belongs to a buyer's window when it was published before the
// window closed. An entitlement without `updatesUntil` gets every update.

export function updatesUntilFor(updateMonths: number | null | undefined, grantedAt: Date): Date | null {
  if (!updateMonths) return null;
  const until = new Date(grantedAt);
  until.setUTCMonth(until.getUTCMonth() + updateMonths);
  return until;
}

export function insideUpdateWindow(publishedAt: Date | null, updatesUntil: Date | null | undefined): boolean {
  if (!updatesUntil) return true;
  return publishedAt !== null && publishedAt.getTime() <= updatesUntil.getTime();
}

// What every new entitlement carries: its licence key and the end of its update window.
export function entitlementExtras(updateMonths: number | null, grantedAt = new Date()) {
  return {
    updatesUntil: updatesUntilFor(updateMonths, grantedAt),
    license: { create: { key: newLicenseKey() } },
  };
}

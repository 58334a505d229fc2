import "server-only";
import { clearClientDetailsBefore } from "../dal/retention";
import { env } from "../env";

const DAY_MS = 86_400_000;

// Client addresses and user agents are kept DATA_RETENTION_DAYS (for spotting shared links and
// abuse), then cleared by `npm run data:retention`.
export async function applyRetention(now = new Date(), days = env().DATA_RETENTION_DAYS) {
  const before = new Date(now.getTime() - days * DAY_MS);
  return { before, ...(await clearClientDetailsBefore(before)) };
}

// P1: a stable download link (session → file → entitlement → rate limit and cap → audit row →
// presign → 303) against next-auth's session endpoint with the same cookie (session lookup
// only), over HTTP at several concurrencies, the two interleaved in one run.
import type { BenchUser } from "./fixtures";
import { load, type LoadResult } from "./load";

export type LinkRow = {
  connections: number;
  session: LoadResult;
  link: LoadResult;
  ratioP50: number;
  ratioP99: number;
};

export async function benchLinks(
  appUrl: string,
  users: BenchUser[],
  fileId: string,
  options: { seconds: number; levels: number[] },
) {
  const cookies = users.map((user) => user.cookie);
  const linkUrl = `${appUrl}/download/file/${fileId}`;
  const sessionUrl = `${appUrl}/api/auth/session`;
  // Warm-up: lazily loaded route modules, JIT, the database pool.
  await load(sessionUrl, cookies, 8, 2);
  await load(linkUrl, cookies, 8, 2);

  const rows: LinkRow[] = [];
  for (const connections of options.levels) {
    const session = await load(sessionUrl, cookies, connections, options.seconds);
    const link = await load(linkUrl, cookies, connections, options.seconds);
    const wrong = { session: total(session, "200"), link: total(link, "303") };
    if (wrong.session || wrong.link || session.errors || link.errors) {
      throw new Error(
        `P1 at ${connections} connections: unexpected answers (session ${JSON.stringify(session.statuses)}, link ${JSON.stringify(link.statuses)}, errors ${session.errors + link.errors})`,
      );
    }
    rows.push({
      connections,
      session,
      link,
      ratioP50: link.p50 / session.p50,
      ratioP99: link.p99 / session.p99,
    });
  }
  return rows;
}

// Responses other than `expected`: a 429 or 500 would make the run meaningless, so it stops.
function total(result: LoadResult, expected: string) {
  return Object.entries(result.statuses).reduce(
    (sum, [status, count]) => (status === expected ? sum : sum + count),
    0,
  );
}

// Mixed traffic against the app while its PostgreSQL server is stopped and started again: each
// caller loops over the kinds of request the store serves most, with a malformed one every few.
import type { PrivatePostgres } from "./private-postgres";
import { tally, type Answer, type Kind } from "./load";

type Target = {
  origin: () => string;
  cookie: string;
  fileId: string;
  productSlug: string;
  licenseKey: string;
  database: PrivatePostgres;
};

const CONCURRENCY = 8;
const SECONDS = { before: 2, down: 4 };

// What a fault must never turn into a 5xx: paths Next.js cannot decode, a server action from
// another site, a licence check whose JSON is sent as text/plain.
const malformed = (target: Target, i: number): [string, RequestInit] =>
  [
    ["/download/file/%E0%A4%A", {}],
    ["/products/%ZZ", { headers: { accept: "text/html" } }],
    ["/admin/customers/%ZZ", { headers: { accept: "text/html" } }],
    [
      "/library",
      { method: "POST", headers: { "next-action": "0".repeat(42), origin: "https://evil.example" } },
    ],
    [
      "/api/v1/licenses/validate",
      {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ key: target.licenseKey }),
      },
    ],
  ][i % 5] as [string, RequestInit];

function request(target: Target, kind: Kind, i: number, client: string): [string, RequestInit] {
  const session = { cookie: target.cookie, "x-forwarded-for": client };
  switch (kind) {
    case "library":
      return ["/library", { headers: { ...session, accept: "text/html" } }];
    case "stable link":
      return [`/download/file/${target.fileId}`, { headers: session }];
    case "product page":
      return [
        `/products/${target.productSlug}`,
        { headers: { "x-forwarded-for": client, accept: "text/html" } },
      ];
    case "licence check":
      return [
        "/api/v1/licenses/validate",
        {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": client },
          body: JSON.stringify({ key: target.licenseKey, product: target.productSlug }),
        },
      ];
    case "malformed": {
      const [path, init] = malformed(target, i);
      return [
        path,
        { ...init, headers: { ...(init.headers as Record<string, string>), "x-forwarded-for": client } },
      ];
    }
  }
}

const KINDS: Kind[] = ["library", "stable link", "product page", "licence check", "malformed"];

export async function outageLoad(target: Target) {
  let phase = "before";
  let running = true;
  const answers: Answer[] = [];
  const caller = async (worker: number) => {
    for (let i = worker; running; i += CONCURRENCY) {
      const kind = KINDS[i % KINDS.length];
      const [path, init] = request(target, kind, Math.floor(i / KINDS.length), `198.51.100.${(i % 200) + 1}`);
      const answer = await fetch(`${target.origin()}${path}`, { ...init, redirect: "manual" }).then(
        async (response) => {
          await response.arrayBuffer();
          return {
            status: response.status,
            retryAfter: response.headers.has("retry-after"),
            location: response.headers.get("location") ?? "",
          };
        },
        () => ({ status: 0, retryAfter: false, location: "" }),
      );
      answers.push({ kind, phase, ...answer });
    }
  };
  const callers = Array.from({ length: CONCURRENCY }, (_, worker) => caller(worker));
  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  await sleep(SECONDS.before);
  await target.database.stop();
  phase = "down";
  await sleep(SECONDS.down);
  await target.database.start();
  phase = "after";
  // Back on its own: the same server answers ready once the database does (bounded by the suite).
  let recovered = false;
  for (let i = 0; i < 100 && !recovered; i++) {
    recovered = (await fetch(`${target.origin()}/api/ready`).catch(() => null))?.status === 200;
    if (!recovered) await sleep(0.2);
  }
  running = false;
  await Promise.all(callers);
  return {
    all: tally(answers),
    down: tally(answers.filter((answer) => answer.phase === "down")),
    recovered,
    concurrency: CONCURRENCY,
    downSeconds: SECONDS.down,
  };
}

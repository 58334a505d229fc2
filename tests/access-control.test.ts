import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { presignDownload } from "../lib/storage/s3";
import { accountExpectations } from "./support/access-account";
import { expectations, type Expectation } from "./support/access-cases";
import { minted, type Outcome } from "./support/access-run";
import {
  buildWorld,
  denialCount,
  keyCallers,
  linkCallers,
  sessionCallers,
  stateCounts,
  tokenCallers,
  webhookCallers,
  type Caller,
  type World,
} from "./support/access-world";
import { prisma } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";
import {
  discoverActions,
  discoverRoutes,
  type ActionSurface,
  type Callable,
  type RouteSurface,
} from "./support/surfaces";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// Server actions read the client address from the request headers, which only Next.js has.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7", "user-agent": "vitest" }),
}));
// The real presigner, watched: a denial must never reach it.
vi.mock("../lib/storage/s3", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../lib/storage/s3")>();
  return { ...actual, presignDownload: vi.fn(actual.presignDownload) };
});

const callersOf: Record<Expectation["kind"], readonly Caller[]> = {
  "admin action": sessionCallers,
  "customer action": sessionCallers,
  "public action": sessionCallers,
  "session route": sessionCallers,
  "download route": [...sessionCallers, ...keyCallers],
  "public route": sessionCallers,
  "token route": tokenCallers,
  webhook: webhookCallers,
  "licence route": keyCallers,
  "signed link": linkCallers,
};

// What answers an allowed caller with a presigned URL (downloads, share links, upload parts).
const MINTS = new Set([
  "issueDownloadLink",
  "GET /download/file/[fileId]",
  "GET /download/[productSlug]/latest",
  "GET /download/[productSlug]/[version]/[platform]/[filename]",
  "createShareLinkAction",
  "presignPartsAction",
  "POST /api/v1/presign",
  "POST /api/v1/files/[fileId]/parts",
]);

let world: World;
let actions: ActionSurface[];
let routes: RouteSurface[];
let table: Record<string, Expectation>;

beforeAll(async () => {
  [actions, routes, world] = await Promise.all([discoverActions(), discoverRoutes(), buildWorld()]);
  const callable = new Map(actions.filter((a) => a.action).map((a) => [a.name, a.action as Callable]));
  table = {
    ...expectations(world, callable, new Map(routes.map((r) => [r.name, r]))),
    ...accountExpectations(world, callable),
  };
});
afterAll(() => prisma.$disconnect());

type Tally = { allowed: number; denied: number; refused: number; audited: number };
const tallies = new Map<string, Tally>();
const inputsTried = new Map<string, Set<string>>();

describe("access control", () => {
  it("has an expectation for exactly the actions and routes the code declares", () => {
    const surfaces = [...actions.map((a) => a.name), ...routes.map((r) => r.name)];
    expect(new Set(surfaces).size, "surface names are unique").toBe(surfaces.length);
    expect(surfaces.length).toBeGreaterThanOrEqual(25);
    const missing = surfaces.filter((name) => !table[name]);
    const stale = Object.keys(table).filter((name) => !surfaces.includes(name));
    expect(
      missing,
      "actions or routes without an expectation: add them to tests/support/access-cases.ts",
    ).toEqual([]);
    expect(stale, "expectations for actions or routes that no longer exist").toEqual([]);
    for (const [name, expectation] of Object.entries(table)) {
      if (expectation.cases.length === 0)
        expect(expectation.note, `${name} is checked elsewhere and says where`).toMatch(/e2e\//);
      for (const entry of expectation.cases)
        expect(Object.keys(entry.expect).sort(), `${name}: ${entry.input}`).toEqual(
          [...callersOf[expectation.kind]].sort(),
        );
    }
  });

  it("answers every caller as expected, mints nothing on a refusal and audits every denial", async () => {
    let calls = 0;
    for (const [name, expectation] of Object.entries(table)) {
      for (const entry of expectation.cases) {
        for (const caller of callersOf[expectation.kind]) {
          const expected = entry.expect[caller] as Outcome;
          const where = `${name} · ${entry.input} · ${caller}`;
          const step = await entry.run(caller);
          const [countsBefore, denialsBefore, probeBefore] = [
            await stateCounts(),
            await denialCount(),
            await step.probe?.(),
          ];
          vi.mocked(presignDownload).mockClear();
          const observed = await step.call();
          calls += 1;
          expect(observed.outcome, `${where} answered ${observed.detail}`).toBe(expected);
          const denials = (await denialCount()) - denialsBefore;
          if (expected === "allowed") {
            if (MINTS.has(name)) expect(minted(observed), `${where}: a presigned URL`).toBe(true);
          } else {
            expect(minted(observed), `${where}: no presigned URL`).toBe(false);
            expect(
              vi.mocked(presignDownload),
              `${where}: the presigner was not called`,
            ).not.toHaveBeenCalled();
            expect(await stateCounts(), `${where}: nothing written`).toEqual(countsBefore);
            if (step.probe)
              expect(await step.probe(), `${where}: the record is unchanged`).toEqual(probeBefore);
            expect(
              denials,
              `${where}: ${expected === "denied" ? "one audited denial" : "no denial recorded for refused input"}`,
            ).toBe(expected === "denied" ? 1 : 0);
          }
          const key = `${name}|${caller}`;
          const tally = tallies.get(key) ?? { allowed: 0, denied: 0, refused: 0, audited: 0 };
          tally[observed.outcome] += 1;
          if (observed.outcome === "denied" && denials === 1) tally.audited += 1;
          tallies.set(key, tally);
          inputsTried.set(name, (inputsTried.get(name) ?? new Set()).add(entry.input));
        }
      }
    }
    expect(calls).toBeGreaterThan(100);

    const rows = [...tallies].map(([key, t]) => [
      ...key.split("|"),
      t.allowed,
      t.denied,
      t.refused,
      t.audited,
    ]);
    const sum = (field: keyof Tally) => [...tallies.values()].reduce((total, t) => total + t[field], 0);
    recordSecurityEvidence({
      section: "access-control",
      title: "Server actions and routes × callers",
      columns: ["action or route", "caller", "allowed", "denied", "refused input", "denials audited"],
      rows,
      counts: {
        "actions and routes": Object.keys(table).length,
        calls,
        allowed: sum("allowed"),
        denied: sum("denied"),
        "refused input": sum("refused"),
        "denials audited": sum("audited"),
      },
      note: "Denied: the caller may not (401/403, or a download that is not theirs, answered like an unknown file). Refused input: the caller may, but the input names something that cannot be done (a yanked file, a product not for sale); nothing is written or minted either way.",
    });
    recordSecurityEvidence({
      section: "access-control",
      title: "Inputs per action or route",
      columns: ["action or route", "kind", "inputs tried", "note"],
      rows: Object.entries(table).map(([name, e]) => [
        name,
        e.kind,
        [...(inputsTried.get(name) ?? [])].join("; ") || "—",
        e.note ?? "",
      ]),
      counts: { "inputs tried": [...inputsTried.values()].reduce((total, set) => total + set.size, 0) },
    });
  }, 300_000);

  it("keeps refusals bounded: repeats within a minute add to one audit row", async () => {
    const { recordDenial } = await import("../lib/dal/audit");
    const surface = `bounded-${Date.now()}`;
    for (let i = 0; i < 25; i++)
      await recordDenial("api.denied", { actor: null, surface, reason: "unknown", ip: `203.0.113.${i}` });
    const rows = await prisma.auditLog.findMany({ where: { action: "api.denied", targetId: surface } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: null,
      actorEmail: "anonymous",
      data: { reason: "unknown", count: 25, ip: "203.0.113.24" },
    });

    // Concurrent refusals (several app instances) still land on one row: an advisory lock per key.
    const raced = `raced-${Date.now()}`;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        recordDenial("api.denied", { actor: null, surface: raced, reason: "unknown" }),
      ),
    );
    const racedRows = await prisma.auditLog.findMany({ where: { action: "api.denied", targetId: raced } });
    expect(racedRows).toHaveLength(1);
    expect(racedRows[0].data).toMatchObject({ count: 20 });
  });

  it("keeps refused downloads bounded: repeats within a minute add to one DownloadEvent row, concurrent ones too", async () => {
    const { issueLinkFor } = await import("../lib/delivery/issue-link");
    const { createUser } = await import("./support/fixtures");
    // One clock minute for the whole test, so that the rows it expects are not split by a minute turning.
    vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 60_000) * 60_000 + 1_000 });
    try {
      const client = { ip: "203.0.113.50", userAgent: "flood" };
      const sequential = await createUser();
      for (let i = 0; i < 25; i++) await issueLinkFor({ ...sequential, isAdmin: false }, `guess${i}`, client);
      const raced = await createUser();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => issueLinkFor({ ...raced, isAdmin: false }, `guess${i}`, client)),
      );
      const rowsOf = (userId: string) =>
        prisma.downloadEvent.findMany({ where: { userId, outcome: "denied" } });
      const [sequentialRows, racedRows] = [await rowsOf(sequential.id), await rowsOf(raced.id)];

      const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);
      recordSecurityEvidence({
        section: "access-control",
        title: "Refused downloads, bounded",
        columns: ["refusals from one client within a minute", "DownloadEvent rows", "their counts add up to"],
        rows: [
          ["25 unknown file ids, one after another", sequentialRows.length, sum(sequentialRows)],
          ["20 unknown file ids at once", racedRows.length, sum(racedRows)],
        ],
        note: "Each refusal of one caller, file and reason within a clock minute adds to one row's count (one INSERT … ON CONFLICT, so concurrent requests meet on the row).",
      });
      expect(sequentialRows).toHaveLength(1);
      expect(sequentialRows[0]).toMatchObject({ reason: "not_in_library", count: 25, ip: "203.0.113.50" });
      expect(racedRows).toHaveLength(1);
      expect(racedRows[0].count).toBe(20);
    } finally {
      vi.useRealTimers();
    }
  });
});

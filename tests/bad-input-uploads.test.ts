// Starting an upload with a malformed request: the adapters (the admin actions and the publishing
// API) parse it, once, and refuse it with the same clear 400 before the upload services run,
// which take only what the schema parsed. Real PostgreSQL and the real route handlers.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startCustomerFileUploadAction } from "../lib/actions/admin/customer-files";
import { startUploadAction } from "../lib/actions/admin/uploads";
import { getCurrentUser } from "../lib/auth/session";
import { HTTP_STATUS } from "../lib/http/status";
import { customerFileBody, customerFileInput } from "../lib/schemas/customers";
import { startFileBody, startUploadInput } from "../lib/schemas/uploads";
import { createUser, prisma } from "./support/fixtures";
import { api, newToken } from "./support/publishing";
import { recordSecurityEvidence } from "./support/security-evidence";
import { createRelease, uploadRowCounts } from "./support/upload-fixtures";

vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.32" }) }));

const TIB = 1024 ** 4;
const tokens = { publish: "", files: "" };
beforeAll(async () => {
  const admin = await createUser();
  vi.mocked(getCurrentUser).mockResolvedValue({ id: admin.id, email: admin.email, isAdmin: true });
  tokens.publish = (await newToken()).secret;
  tokens.files = (await newToken(undefined, "customer-files")).secret;
});
afterAll(() => prisma.$disconnect());

const rowCounts = async () => ({
  ...(await uploadRowCounts()),
  customerFiles: await prisma.customerFile.count(),
});

// One request through both adapters: the admin action's code (as its HTTP status) and the API's
// status, each with its message.
type Answer = { status: number; message: string };
async function actionAnswer(result: Promise<{ status: string; code?: string; message?: string }>) {
  const state = await result;
  const code = (state.status === "error" ? state.code : undefined) as keyof typeof HTTP_STATUS | undefined;
  return { status: code ? HTTP_STATUS[code] : 200, message: state.message ?? "" };
}
async function apiAnswer(path: string, token: string, body: unknown): Promise<Answer> {
  const response = await api("POST", path, { token, body });
  return { status: response.status, message: response.json?.message ?? "" };
}

const FILE_NAMES: [string, string, RegExp][] = [
  ["path traversal", "../../etc/passwd", /contains \/ or \\/],
  ["a folder", "bin/tool", /plain name without folders/],
  ["a Windows folder", "..\\tool.exe", /contains \/ or \\/],
  ["dots only", "..", /is not a file name/],
  ["a control character", "tool\u0000.exe", /control/],
  ["a text-direction override", "invoice\u202Etxt.exe", /text-direction/],
  ["an empty name", "", /name/],
  ["a long name", `${"a".repeat(197)}.exe`, /longer than 200/],
  ["a leading space", " spaced.pdf", /must not start or end with a space/],
];
const BUILD_FIELDS: [string, Record<string, unknown>, RegExp][] = [
  ["no platform", { platform: "  " }, /platform/],
  ["a long platform", { platform: "x".repeat(51) }, /longer than 50/],
  ["an empty file", { sizeBytes: 0 }, /empty/],
  ["a fractional size", { sizeBytes: 10.5 }, /whole number/],
  ["more than 5 TiB", { sizeBytes: 5 * TIB + 1 }, /larger than 5 TiB/],
  ["a bad content type", { contentType: "zip file" }, /MIME type/],
];
const CUSTOMER_FIELDS: [string, Record<string, unknown>, RegExp][] = [
  ["no title", { title: "  " }, /give the file a title/],
  ["a long note", { note: "n".repeat(501) }, /at most 500 characters/],
];

describe("upload starts with bad input", () => {
  it("are refused by the admin action and the API alike with a clear 400, and write nothing", async () => {
    const { release } = await createRelease();
    const customer = await createUser();
    const build = { platform: "Windows", filename: "setup.exe", sizeBytes: 1_000 };
    const file = { title: "Invoice", filename: "invoice.pdf", sizeBytes: 1_000 };
    const send = {
      build: async (change: Record<string, unknown>) => [
        await actionAnswer(startUploadAction({ releaseId: release.id, ...build, ...change })),
        await apiAnswer(`/api/v1/releases/${release.id}/files`, tokens.publish, { ...build, ...change }),
      ],
      "customer file": async (change: Record<string, unknown>) => [
        await actionAnswer(startCustomerFileUploadAction({ userId: customer.id, ...file, ...change })),
        await apiAnswer("/api/v1/customers/files", tokens.files, {
          email: customer.email,
          ...file,
          ...change,
        }),
      ],
    };
    const cases = [
      ...FILE_NAMES.flatMap(([label, filename, message]) =>
        (["build", "customer file"] as const).map((kind) => ({ kind, label, change: { filename }, message })),
      ),
      ...BUILD_FIELDS.map(([label, change, message]) => ({ kind: "build" as const, label, change, message })),
      ...CUSTOMER_FIELDS.map(([label, change, message]) => ({
        kind: "customer file" as const,
        label,
        change,
        message,
      })),
    ];
    const rows: string[][] = [];
    const before = await rowCounts();
    for (const { kind, label, change, message } of cases) {
      const [action, route] = await send[kind](change);
      for (const answer of [action, route]) {
        expect(answer.status, `${kind}, ${label}`).toBe(400);
        expect(answer.message, `${kind}, ${label}`).toMatch(message);
      }
      rows.push([kind, label, `${action.status}: ${action.message}`, `${route.status}: ${route.message}`]);
    }
    expect(await rowCounts()).toEqual(before);
    recordSecurityEvidence({
      section: "bad-input",
      title: "Upload starts refused at the adapters",
      columns: ["upload", "request", "admin action", "publishing API"],
      rows,
      counts: { "requests refused": rows.length * 2 },
      note: "startUploadAction / POST /api/v1/releases/{id}/files and startCustomerFileUploadAction / POST /api/v1/customers/files, each request sent to both: the schema refuses it before the service runs; release, file, upload, part, customer-file and audit counts unchanged.",
    });
  });

  it("are parsed once per request: the service takes the schema's output, content type included", async () => {
    const { release } = await createRelease();
    const customer = await createUser();
    const schemas = { startUploadInput, startFileBody, customerFileInput, customerFileBody };
    const spies = Object.values(schemas).map((schema) => vi.spyOn(schema, "safeParse"));
    const parses = () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
    const starts = [
      () =>
        startUploadAction({ releaseId: release.id, platform: "macOS", filename: "Tool.dmg", sizeBytes: 10 }),
      () =>
        apiAnswer(`/api/v1/releases/${release.id}/files`, tokens.publish, {
          platform: "Linux",
          filename: "tool.tar.gz",
          sizeBytes: 10,
        }),
      () =>
        startCustomerFileUploadAction({
          userId: customer.id,
          title: "Invoice",
          filename: "a.pdf",
          sizeBytes: 10,
        }),
      () =>
        apiAnswer("/api/v1/customers/files", tokens.files, {
          email: customer.email,
          title: "Licence",
          filename: "site.json",
          sizeBytes: 10,
        }),
    ];
    const counted: number[] = [];
    for (const start of starts) {
      const from = parses();
      await start();
      counted.push(parses() - from);
    }
    spies.forEach((spy) => spy.mockRestore());
    expect(counted, "schema parses per upload start").toEqual([1, 1, 1, 1]);

    const types = async (where: object) =>
      (await prisma.releaseFile.findMany({ where, orderBy: { filename: "asc" } })).map(
        (row) => row.contentType,
      );
    expect(await types({ releaseId: release.id })).toEqual([
      "application/x-apple-diskimage",
      "application/gzip",
    ]);
    expect(
      await prisma.customerFile.findMany({
        where: { userId: customer.id },
        orderBy: { filename: "asc" },
        select: { contentType: true, note: true },
      }),
    ).toEqual([
      { contentType: "application/pdf", note: "" },
      { contentType: "application/json", note: "" },
    ]);
  });
});

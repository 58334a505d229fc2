// A download the caller may not have, told apart from one that does not exist by nothing: not by
// the answer, the rows it leaves, the customer's history page, or the statements it costs. The
// same for a product taken off sale on the slug-named link.
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import AccountPage from "../app/(account)/account/page";
import { GET as latestRoute } from "../app/download/[productSlug]/latest/route";
import { getCurrentUser } from "../lib/auth/session";
import { issueLinkFor } from "../lib/delivery/issue-link";
import { createProductWithFile, createUser, grant, prisma, sessionCookie } from "./support/fixtures";
import { recordSecurityEvidence } from "./support/security-evidence";
import { countStatements } from "./support/statements";

// The pages and routes ask who is signed in; here it is whoever the test says.
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
// Every statement the app sends, counted at its own database client.
const statements = countStatements();

afterAll(() => Promise.all([prisma.$disconnect(), statements.disconnect()]));

const context = { ip: "203.0.113.7", userAgent: "vitest" };

describe("a download that is not the caller's", () => {
  it("answers, records, shows and looks up a file the user does not own exactly like an unknown id", async () => {
    const [asker, guesser] = [await createUser(), await createUser()];
    const { file } = await createProductWithFile();
    const unknownId = "doesnotexist000";
    const measure = async (user: { id: string; email: string; isAdmin: boolean }, fileId: string) => {
      const before = statements.count;
      const answer = await issueLinkFor(user, fileId, context);
      return { answer, queries: statements.count - before };
    };
    const notOwned = await measure(asker, file.id);
    const unknown = await measure(guesser, unknownId);

    // The rows, apart from who and when, and the customer's own history page.
    await prisma.downloadEvent.updateMany({
      where: { userId: { in: [asker.id, guesser.id] } },
      data: { createdAt: new Date("2030-01-01T12:00:00Z") },
    });
    const rowsOf = async (userId: string) =>
      await prisma.downloadEvent.findMany({
        where: { userId },
        omit: { id: true, userId: true, denialKey: true },
      });
    const [notOwnedRows, unknownRows] = [await rowsOf(asker.id), await rowsOf(guesser.id)];
    const page = async (user: { id: string; email: string; isAdmin: boolean }) => {
      vi.mocked(getCurrentUser).mockResolvedValue(user);
      return renderToStaticMarkup(await AccountPage()).replace(user.email, "EMAIL");
    };
    const [notOwnedPage, unknownPage] = [await page(asker), await page(guesser)];

    const compared = [
      ["answer", JSON.stringify(notOwned.answer), JSON.stringify(unknown.answer)],
      ["database statements to answer", notOwned.queries, unknown.queries],
      [
        "DownloadEvent rows (without user, row id, time)",
        JSON.stringify(notOwnedRows),
        JSON.stringify(unknownRows),
      ],
      ["/account page (without the address)", notOwnedPage, unknownPage],
    ];
    recordSecurityEvidence({
      section: "access-control",
      title: "A file that is not yours, against an unknown id",
      columns: ["compared", "not yours", "unknown id", "same"],
      rows: compared.map(([what, a, b]) => [
        what,
        typeof a === "string" && a.length > 200 ? `${a.length} characters` : a,
        typeof b === "string" && b.length > 200 ? `${b.length} characters` : b,
        a === b ? "yes" : "no",
      ]),
      note: "Both refusals take the same lookup and the same bounded refusal row; neither row names the file or its product.",
    });
    expect(notOwned.answer).toEqual(unknown.answer);
    expect(notOwned.answer).toMatchObject({ status: "error", code: "not_found" });
    expect(notOwned.queries).toBeGreaterThan(0);
    expect(notOwned.queries).toBe(unknown.queries);
    expect(notOwnedRows).toEqual(unknownRows);
    expect(notOwnedRows).toMatchObject([
      { outcome: "denied", reason: "not_in_library", fileId: null, entitlementId: null, count: 1 },
    ]);
    expect(
      await prisma.downloadEvent.count({ where: { userId: asker.id, denialKey: { contains: file.id } } }),
    ).toBe(0);
    expect(notOwnedPage).toBe(unknownPage);
    expect(notOwnedPage).toContain("not in your library");
    expect(notOwnedPage).not.toContain(file.filename);
  });

  it("answers /download/<product>/latest for a product off sale like an unknown product, except to its buyers", async () => {
    const { product } = await createProductWithFile();
    await prisma.product.update({ where: { id: product.id }, data: { active: false } });
    const [buyer, stranger] = [await createUser(), await createUser()];
    await grant(buyer.id, product.id);
    const latest = async (user: typeof buyer | null, slug: string) => {
      const headers: Record<string, string> = user ? { cookie: await sessionCookie(user) } : {};
      const request = new Request(`http://localhost/download/${slug}/latest?platform=linux`, { headers });
      const response = await latestRoute(request, { params: Promise.resolve({ productSlug: slug }) });
      return { status: response.status, body: response.status === 303 ? null : await response.text() };
    };
    for (const user of [null, stranger]) {
      const hidden = await latest(user, product.slug);
      expect(hidden).toEqual(await latest(user, "no-such-product"));
      expect(hidden).toMatchObject({ status: 404 });
      expect(hidden.body).not.toContain(product.name);
    }
    expect(await latest(buyer, product.slug)).toEqual({ status: 303, body: null });
  });
});

// Releases: create (semver, unique per product) → publish (needs a ready file, no open
// uploads) → yank (needs a reason). Real PostgreSQL and the real local S3 server.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { yankReleaseAction } from "../lib/actions/admin/releases";
import { getCurrentUser } from "../lib/auth/session";
import {
  createRelease as createParsedRelease,
  findReleaseByVersion,
  publishRelease,
  yankRelease,
} from "../lib/publishing/releases";
import type { z } from "zod";
import { createReleaseInput } from "../lib/schemas/releases";
import { abortUpload, completeUpload } from "../lib/publishing/uploads";
import { prisma, unique } from "./support/fixtures";
import {
  bufferSource,
  rejection,
  sendParts,
  startUpload,
  uploadRowCounts,
  userActor,
} from "./support/upload-fixtures";
import type { Actor } from "../lib/publishing/contract";

// The yank action reads its caller from the session; here it answers as the admin under test.
vi.mock("../lib/auth/session", () => ({ getCurrentUser: vi.fn() }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.31" }) }));

afterAll(() => prisma.$disconnect());

// As the admin page and the API do: the schema parses (and fills in defaults), the service runs.
const createRelease = (input: z.input<typeof createReleaseInput>, actor: Actor) =>
  createParsedRelease(createReleaseInput.parse(input), actor);

async function newProduct() {
  const slug = unique("product");
  return prisma.product.create({
    data: { slug, name: `Product ${slug}`, tiers: { create: { name: "Standard", priceCents: 900 } } },
  });
}

async function uploadFile(
  releaseId: string,
  actor: Awaited<ReturnType<typeof userActor>>,
  filename = "tool.zip",
) {
  const bytes = randomBytes(1_000);
  const started = await startUpload(
    { releaseId, platform: "Linux", filename, sizeBytes: bytes.length },
    actor,
  );
  await sendParts(started, { source: bufferSource(bytes) });
  return completeUpload(started.fileId, actor);
}

describe("releases", () => {
  it("creates a draft per semantic version and refuses duplicates and non-versions", async () => {
    const product = await newProduct();
    const actor = await userActor();
    const release = await createRelease(
      { productId: product.id, version: " 2.0.0-beta.1 ", channel: "beta", notes: "First beta" },
      actor,
    );
    expect(release).toMatchObject({
      productSlug: product.slug,
      version: "2.0.0-beta.1",
      channel: "beta",
      status: "draft",
      notes: "First beta",
      files: [],
    });
    expect(await prisma.auditLog.findFirst({ where: { targetId: release.id } })).toMatchObject({
      action: "release.create",
      actorId: actor.id,
    });

    const before = await uploadRowCounts();
    const duplicate = await rejection(
      createRelease({ productId: product.id, version: "2.0.0-beta.1" }, actor),
    );
    expect([duplicate.status, duplicate.message]).toEqual([
      409,
      `${product.slug} already has a release 2.0.0-beta.1; choose another version.`,
    ]);
    expect(
      (await rejection(createRelease({ productId: "nosuchproduct", version: "1.0.0" }, actor))).status,
    ).toBe(404);
    expect(await uploadRowCounts()).toEqual(before);
    expect(await createRelease({ productId: product.id, version: "2.0.0" }, actor)).toMatchObject({
      channel: "stable",
      notes: "",
    });
  });

  it("publishes only with a ready file and no upload in progress", async () => {
    const product = await newProduct();
    const actor = await userActor();
    const release = await createRelease({ productId: product.id, version: "1.0.0" }, actor);
    const empty = await rejection(publishRelease(release.id, actor));
    expect([empty.status, empty.message]).toEqual([
      409,
      "1.0.0 has no uploaded file yet; upload at least one build before publishing.",
    ]);

    await uploadFile(release.id, actor);
    const open = await startUpload(
      { releaseId: release.id, platform: "macOS", filename: "tool.dmg", sizeBytes: 10 },
      actor,
    );
    const busy = await rejection(publishRelease(release.id, actor));
    expect([busy.status, busy.message]).toEqual([
      409,
      "1 upload is still in progress; finish or abort it first.",
    ]);
    expect((await prisma.release.findUnique({ where: { id: release.id } }))?.status).toBe("draft");

    await abortUpload(open.fileId, actor);
    const published = await publishRelease(release.id, actor);
    expect(published).toMatchObject({ status: "published", publishedAt: expect.any(Date) });
    expect(published.files).toEqual([
      expect.objectContaining({
        filename: "tool.zip",
        status: "ready",
        sizeBytes: 1_000,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    expect(await publishRelease(release.id, actor)).toEqual(published);
    expect(await prisma.auditLog.count({ where: { targetId: release.id, action: "release.publish" } })).toBe(
      1,
    );
    expect(await findReleaseByVersion(product.slug, "1.0.0")).toEqual(published);
    expect(await findReleaseByVersion(product.slug, "9.9.9")).toBeNull();
    expect((await rejection(publishRelease("nosuchrelease", actor))).status).toBe(404);
  });

  it("yanks only with a reason, and a yanked release takes no uploads and stays yanked", async () => {
    const product = await newProduct();
    const actor = await userActor();
    const release = await createRelease({ productId: product.id, version: "1.2.3" }, actor);
    await uploadFile(release.id, actor);
    await publishRelease(release.id, actor);

    vi.mocked(getCurrentUser).mockResolvedValue({ id: actor.id, email: actor.email, isAdmin: true });
    const yank = (reason: string) => {
      const form = new FormData();
      form.set("releaseId", release.id);
      form.set("reason", reason);
      return yankReleaseAction({ status: "idle" }, form);
    };
    for (const reason of ["", "  ", "no", "x".repeat(501)]) {
      expect(await yank(reason), JSON.stringify(reason)).toMatchObject({
        status: "error",
        code: "invalid_input",
        message: expect.stringMatching(/Say why the release is yanked/),
      });
    }
    expect((await prisma.release.findUnique({ where: { id: release.id } }))?.status).toBe("published");

    expect(await yank("  crashes on start  ")).toMatchObject({ status: "success" });
    expect(await prisma.release.findUnique({ where: { id: release.id } })).toMatchObject({
      status: "yanked",
      yankReason: "crashes on start",
    });
    expect(
      await prisma.auditLog.findFirst({ where: { targetId: release.id, action: "release.yank" } }),
    ).toMatchObject({
      data: { reason: "crashes on start", was: "published" },
    });
    expect(await yankRelease(release.id, "another reason", actor)).toMatchObject({
      yankReason: "crashes on start",
    });
    expect((await rejection(publishRelease(release.id, actor))).status).toBe(409);
    const upload = await rejection(
      startUpload({ releaseId: release.id, platform: "Linux", filename: "fix.zip", sizeBytes: 5 }, actor),
    );
    expect([upload.status, upload.message]).toEqual([
      409,
      "1.2.3 was yanked (crashes on start); upload into a new release.",
    ]);
  });
});

import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { authenticateToken, createApiToken, listApiTokens, revokeApiToken } from "../lib/publishing/tokens";
import { prisma } from "./support/fixtures";
import { adminActor } from "./support/publishing";

afterAll(() => prisma.$disconnect());

const bearer = (secret: string) =>
  new Request("http://localhost/api/v1/releases", { headers: { authorization: `Bearer ${secret}` } });

describe("API tokens", () => {
  it("stores only the SHA-256 of the secret, which is shown once", async () => {
    const actor = await adminActor();
    const token = await createApiToken("  GitHub Actions  ", actor);
    expect(token.secret).toMatch(/^dl_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: "GitHub Actions", prefix: token.secret.slice(0, 10) });

    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row).toMatchObject({
      tokenHash: createHash("sha256").update(token.secret).digest("hex"),
      scope: "publish",
      createdById: actor.id,
    });
    const database = JSON.stringify([await prisma.apiToken.findMany(), await prisma.auditLog.findMany()]);
    expect(database).not.toContain(token.secret);
    expect(database).not.toContain(token.secret.slice(10));

    const listed = (await listApiTokens()).find((candidate) => candidate.id === token.id);
    expect(listed).toMatchObject({ name: "GitHub Actions", prefix: token.prefix, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
    expect(
      await prisma.auditLog.findFirst({ where: { action: "api_token.create", targetId: token.id } }),
    ).toMatchObject({ actorId: actor.id });
  });

  it("authenticates a live token as itself and notes when it was last used, once a minute", async () => {
    const token = await createApiToken("deploy", await adminActor());
    expect(await authenticateToken(bearer(token.secret))).toEqual({
      status: "success",
      data: { kind: "token", id: token.id, name: "deploy", scope: "publish" },
    });
    const first = (await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await authenticateToken(bearer(token.secret));
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt).toEqual(first);

    await prisma.apiToken.update({
      where: { id: token.id },
      data: { lastUsedAt: new Date(Date.now() - 61_000) },
    });
    await authenticateToken(bearer(token.secret));
    expect(
      (await prisma.apiToken.findUniqueOrThrow({ where: { id: token.id } })).lastUsedAt!.getTime(),
    ).toBeGreaterThan(Date.now() - 5_000);
  });

  it("rejects missing, malformed, unknown, revoked and non-publish tokens with 401", async () => {
    const actor = await adminActor();
    const revoked = await createApiToken("old laptop", actor);
    await revokeApiToken(revoked.id, actor);
    await revokeApiToken(revoked.id, actor); // twice is harmless and audited once
    expect(await prisma.auditLog.count({ where: { action: "api_token.revoke", targetId: revoked.id } })).toBe(
      1,
    );
    const readOnly = await createApiToken("reporting", actor);
    await prisma.apiToken.update({ where: { id: readOnly.id }, data: { scope: "read" } });

    const cases: [string, Request][] = [
      ["no header", new Request("http://localhost/")],
      ["empty bearer", bearer("")],
      ["wrong prefix", bearer(`gh_${revoked.secret.slice(3)}`)],
      [
        "one character off",
        bearer(`${revoked.secret.slice(0, -1)}${revoked.secret.endsWith("A") ? "B" : "A"}`),
      ],
      ["revoked", bearer(revoked.secret)],
      ["read scope", bearer(readOnly.secret)],
    ];
    for (const [label, request] of cases) {
      expect(await authenticateToken(request), label).toMatchObject({
        status: "error",
        code: "unauthorized",
        message: expect.any(String),
      });
    }
    expect(await authenticateToken(bearer(revoked.secret))).toMatchObject({
      message: "This API token was revoked.",
    });
  });

  it("refuses empty names and unknown ids", async () => {
    const actor = await adminActor();
    await expect(createApiToken("   ", actor)).rejects.toMatchObject({ status: 400 });
    await expect(createApiToken("x".repeat(101), actor)).rejects.toMatchObject({ status: 400 });
    await expect(revokeApiToken("nosuchtoken", actor)).rejects.toMatchObject({ status: 404 });
  });
});

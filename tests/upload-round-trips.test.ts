// What each part of a multipart upload costs the app: every part signs a URL and records its
// ETag through the publishing API, so those two requests set how close an upload gets to a
// plain PutObject. Round trips to PostgreSQL counted on the wire, token check included; they
// must not grow with the parts already recorded.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRelease } from "./support/upload-fixtures";
import { prisma } from "./support/fixtures";
import { api, newToken } from "./support/publishing";
import { recordSecurityEvidence } from "./support/security-evidence";
import { countRoundTrips } from "./support/statements";

let wire: Awaited<ReturnType<typeof countRoundTrips>>;
beforeAll(async () => {
  wire = await countRoundTrips();
});
afterAll(async () => {
  await wire.stop();
  await prisma.$disconnect();
});

const MIB = 1024 * 1024;

describe("the per-part requests of an upload", () => {
  it("cost three round trips each, the token check included, however many parts are recorded", async () => {
    const { secret } = await newToken();
    const { release } = await createRelease();
    const partCount = 40;
    const started = await api("POST", `/api/v1/releases/${release.id}/files`, {
      token: secret,
      body: { platform: "Linux", filename: "big.tar.gz", sizeBytes: partCount * 8 * MIB },
    });
    expect(started.json).toMatchObject({ partSize: 8 * MIB, partCount });
    const path = `/api/v1/files/${started.json.fileId}/parts`;
    const etag = (n: number) => `"${createHash("md5").update(String(n)).digest("hex")}"`;
    const record = (n: number) =>
      api("PUT", `${path}/${n}`, { token: secret, body: { etag: etag(n), size: 8 * MIB } });

    const costs: { parts: number; sign: number; record: number }[] = [];
    for (let n = 1; n <= partCount; n++) {
      const sign = await wire.during(() => api("POST", path, { token: secret, body: { partNumbers: [n] } }));
      const recorded = await wire.during(() => record(n));
      expect([sign.value.status, recorded.value.status]).toEqual([200, 204]);
      if (n === 1 || n === partCount)
        costs.push({ parts: n - 1, sign: sign.roundTrips, record: recorded.roundTrips });
    }
    recordSecurityEvidence({
      section: "access-control",
      title: "What each part of an upload costs the app",
      columns: ["parts recorded before", "sign a part URL: round trips", "record a part: round trips"],
      rows: costs.map((cost) => [cost.parts, cost.sign, cost.record]),
      note: "The token is checked on each request (one of the round trips); the parts so far are never read.",
    });
    expect(costs).toEqual([
      { parts: 0, sign: 3, record: 3 },
      { parts: partCount - 1, sign: 3, record: 3 },
    ]);
    const saved = await prisma.uploadPart.count({ where: { upload: { fileId: started.json.fileId } } });
    expect(saved).toBe(partCount);
  });
});

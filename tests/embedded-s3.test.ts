import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddedS3 } from "../lib/embedded-defaults";
import { freePort, type Service } from "../scripts/embedded/process";
import { startS3 } from "../scripts/embedded/s3";
import { makeS3Client } from "../scripts/embedded/s3-client";
import { recordSecurityEvidence } from "./support/security-evidence";

const bucket = "test-builds";
const origin = "http://localhost:3100";
const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

let dataDir: string;
let s3: Service;
let client: S3Client;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "downlink-s3-"));
  s3 = await startS3({ port: await freePort(), dataDir, bucket, corsOrigins: [origin] });
  client = makeS3Client({ ...embeddedS3, endpoint: s3.url });
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function getBytes(key: string): Promise<Uint8Array> {
  const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return res.Body!.transformToByteArray();
}

describe("embedded S3", () => {
  it("round-trips a 6 MB object", async () => {
    const data = randomBytes(6 * 1024 * 1024);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: "big.bin", Body: data }));
    expect(sha256(await getBytes("big.bin"))).toBe(sha256(data));
  });

  it("stores a streamed upload without aws-chunked framing", async () => {
    const data = randomBytes(300_000);
    const parts = [data.subarray(0, 100_000), data.subarray(100_000)];
    const Body = Readable.from(parts);
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: "streamed.bin", Body, ContentLength: data.length }),
    );
    expect(sha256(await getBytes("streamed.bin"))).toBe(sha256(data));
    const onDisk = readFileSync(path.join(dataDir, "s3", bucket, "streamed.bin._S3rver_object"));
    expect(onDisk.length).toBe(data.length);
  });

  describe("presigned GET", () => {
    const key = "app-1.0.zip";
    const disposition = 'attachment; filename="app-1.0.zip"';
    const presign = (c: S3Client, expiresIn = 60) =>
      getSignedUrl(
        c,
        new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: disposition }),
        {
          expiresIn,
        },
      );

    beforeAll(async () => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "zip bytes" }));
    });

    it("serves the object with the requested Content-Disposition", async () => {
      const res = await fetch(await presign(client));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toBe(disposition);
      expect(await res.text()).toBe("zip bytes");
    });

    it("rejects a tampered signature", async () => {
      const url = new URL(await presign(client));
      const signature = url.searchParams.get("X-Amz-Signature")!;
      const last = signature.at(-1) === "0" ? "1" : "0";
      url.searchParams.set("X-Amz-Signature", signature.slice(0, -1) + last);
      expect((await fetch(url)).status).toBe(403);
    });

    it("rejects a URL signed with the wrong secret", async () => {
      const wrong = makeS3Client({ ...embeddedS3, endpoint: s3.url, secretAccessKey: "not-the-secret" });
      expect((await fetch(await presign(wrong))).status).toBe(403);
      wrong.destroy();
    });

    it("rejects an expired URL", async () => {
      const url = await presign(client, 1);
      await new Promise((r) => setTimeout(r, 2500));
      expect((await fetch(url)).status).toBe(403);
    });
  });

  it("allows cross-origin uploads and exposes ETag", async () => {
    const objectUrl = `${s3.url}/${bucket}/app-1.0.zip`;
    const preflight = await fetch(objectUrl, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "PUT",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("PUT");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("content-type");
    // Exposed headers are announced on the actual response, which is where browsers read them.
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: "app-1.0.zip" }));
    const res = await fetch(url, { headers: { Origin: origin } });
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
    expect(res.headers.get("access-control-expose-headers")).toContain("ETag");
    expect(res.headers.get("etag")).toBeTruthy();
  });

  it("answers InvalidPart for a part that was never uploaded, and keeps running", async () => {
    const key = "multipart/missing-part.bin";
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const first = await client.send(
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: randomBytes(1024) }),
    );
    const complete = client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: first.ETag },
            { PartNumber: 2, ETag: '"0"' },
          ],
        },
      }),
    );
    await expect(complete).rejects.toMatchObject({ name: "InvalidPart" });
    expect((await client.send(new ListBucketsCommand({}))).Buckets?.length).toBeGreaterThan(0);
  });

  describe("unsigned requests", () => {
    const key = "private/only-signed.txt";
    const original = "signed bytes";
    const rows: (string | number)[][] = [];

    beforeAll(async () => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: original }));
    });

    afterAll(() => {
      recordSecurityEvidence({
        section: "access-control",
        title: "Local S3 server: requests without a signature",
        columns: ["request", "signed", "status"],
        rows,
        counts: {
          "unsigned S3 requests refused": rows.filter(
            ([, signed, status]) => signed === "no" && status === 403,
          ).length,
        },
      });
    });

    // Exactly what a local process or a rebinding page could send: no Authorization, no X-Amz-*.
    it.each([
      ["list the bucket", "GET", `/${bucket}?list-type=2`],
      ["list all buckets", "GET", "/"],
      ["read an object", "GET", `/${bucket}/${key}`],
      ["read an object's metadata", "HEAD", `/${bucket}/${key}`],
      ["overwrite an object", "PUT", `/${bucket}/${key}`],
      ["delete an object", "DELETE", `/${bucket}/${key}`],
      ["delete the bucket's CORS rules", "DELETE", `/${bucket}?cors`],
    ])("refuses an unsigned request to %s (403) and changes nothing", async (what, method, pathname) => {
      const response = await fetch(`${s3.url}${pathname}`, {
        method,
        body: method === "PUT" ? "forged bytes" : undefined,
      });
      rows.push([`${what} (${method})`, "no", response.status]);
      expect(response.status).toBe(403);
      if (method !== "HEAD") expect(await response.text()).toContain("<Code>AccessDenied</Code>");
      expect(new TextDecoder().decode(await getBytes(key))).toBe(original);
    });

    // A page that reached the port by DNS rebinding knows the public key pair and signs for itself,
    // but its requests name its own host.
    it("refuses a correctly signed request addressed to a foreign host name", async () => {
      const inner = new NodeHttpHandler();
      const rebound = makeS3Client(
        { ...embeddedS3, endpoint: s3.url.replace("127.0.0.1", "rebind.attacker.example") },
        {
          // resolves the attacker's name to this machine, as rebinding does; the Host header stays
          requestHandler: {
            handle: (...[request, options]: Parameters<NodeHttpHandler["handle"]>) =>
              inner.handle(Object.assign(request, { hostname: "127.0.0.1" }), options),
          },
        },
      );
      const put = rebound.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: "planted bytes" }));
      await expect(put).rejects.toMatchObject({ name: "AccessDenied" });
      rows.push(["overwrite an object, signed, Host of a rebinding page (PUT)", "yes", 403]);
      expect(new TextDecoder().decode(await getBytes(key))).toBe(original);
      rebound.destroy();
    });

    it("still serves signed SDK calls, presigned GET and presigned PUT", async () => {
      const upload = await getSignedUrl(
        client,
        new PutObjectCommand({ Bucket: bucket, Key: "private/presigned.txt" }),
        { expiresIn: 60 },
      );
      const put = await fetch(upload, { method: "PUT", body: "via a presigned PUT" });
      rows.push(["presigned PUT", "yes", put.status]);
      expect(put.status).toBe(200);
      const download = await getSignedUrl(
        client,
        new GetObjectCommand({ Bucket: bucket, Key: "private/presigned.txt" }),
        { expiresIn: 60 },
      );
      const get = await fetch(download);
      rows.push(["presigned GET", "yes", get.status]);
      expect(await get.text()).toBe("via a presigned PUT");
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: "private/presigned.txt" }));
      rows.push(["SDK DeleteObject", "yes", 204]);
      expect((await fetch(download)).status).toBe(404);
    });
  });
});

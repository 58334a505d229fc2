import { execFileSync } from "node:child_process";
import { GetBucketCorsCommand } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { config, s3 } from "./support/fixtures";

describe("npm run storage:setup", () => {
  it("configures what the server supports, reports what it skipped, and prints the app's policy", async () => {
    const output = execFileSync("npx", ["tsx", "scripts/storage-setup.ts"], {
      env: process.env,
      encoding: "utf8",
    });
    expect(output).toContain(`✓ CORS: PUT/GET from ${config.APP_URL}, ETag exposed`);
    // The embedded server implements neither call; real S3 does.
    expect(output).toMatch(/– block all public access: skipped/);
    expect(output).toMatch(/– lifecycle: abort incomplete multipart uploads after 7 days: skipped/);
    const policy = JSON.parse(output.slice(output.indexOf("{")));
    expect(policy.Statement[0].Resource).toBe(`arn:aws:s3:::${config.S3_BUCKET}/*`);
    expect(policy.Statement[0].Action).not.toContain("s3:*");

    const cors = await s3.send(new GetBucketCorsCommand({ Bucket: config.S3_BUCKET }));
    expect(cors.CORSRules?.[0]).toMatchObject({ AllowedOrigins: [config.APP_URL], ExposeHeaders: ["ETag"] });
  });
});

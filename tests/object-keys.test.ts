// The bucket policy the docs tell operators to grant must allow every call the app makes on
// every key it builds: a prefix the policy misses works on the embedded server and fails on AWS.
// Keys come from the builders themselves; calls are read from the code that sends them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { customerFileKey, mediaKey, OBJECT_KEY_PREFIXES, releaseFileKey } from "../lib/storage/object-keys";
import { recordSecurityEvidence } from "./support/security-evidence";

const bucketArn = "arn:aws:s3:::my-software-builds";
const builtKeys = {
  [OBJECT_KEY_PREFIXES.releaseFiles]: releaseFileKey({
    productSlug: "lumen-cli",
    version: "2.0.0",
    filename: "Lumen 2.0.0.dmg",
  }),
  [OBJECT_KEY_PREFIXES.customerFiles]: customerFileKey({ userId: "cmabc123", filename: "site.license" }),
  [OBJECT_KEY_PREFIXES.media]: mediaKey({ owner: "store", extension: "png" }),
};

// The IAM action each S3 call needs (https://docs.aws.amazon.com/AmazonS3/latest/API/ — "Permissions").
const iamAction: Record<string, { action: string; on: "object" | "bucket" }> = {
  GetObject: { action: "s3:GetObject", on: "object" },
  HeadObject: { action: "s3:GetObject", on: "object" },
  CreateMultipartUpload: { action: "s3:PutObject", on: "object" },
  UploadPart: { action: "s3:PutObject", on: "object" },
  CompleteMultipartUpload: { action: "s3:PutObject", on: "object" },
  PutObject: { action: "s3:PutObject", on: "object" },
  AbortMultipartUpload: { action: "s3:AbortMultipartUpload", on: "object" },
  DeleteObject: { action: "s3:DeleteObject", on: "object" },
  HeadBucket: { action: "s3:ListBucket", on: "bucket" },
  // The sweep of unused images under media/ (lib/storage/media-sweep.ts).
  ListObjectsV2: { action: "s3:ListBucket", on: "bucket" },
  DeleteObjects: { action: "s3:DeleteObject", on: "object" },
};

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [file] : [];
  });
const appCode = [...sourceFiles("lib"), ...sourceFiles("app"), "prisma/seed.ts"];
const callsMade = [
  ...new Set(
    appCode.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/new (\w+)Command\(/g)].map((match) => match[1]),
    ),
  ),
];

type Statement = { Effect: string; Action: string | string[]; Resource: string | string[] };
function documentedPolicies(file: string): Statement[][] {
  // Other JSON examples (log lines, vercel.json) may not parse on their own; a policy must.
  const parse = (text: string) => {
    try {
      return JSON.parse(text);
    } catch {
      return text.includes('"Statement"')
        ? { Statement: [{ Effect: "Allow", Action: "unparsable policy", Resource: "" }] }
        : {};
    }
  };
  const blocks = [...readFileSync(file, "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map((match) =>
    parse(match[1]),
  );
  // The app's own permissions: Allow statements (the bucket policy is Deny-only).
  return blocks
    .filter((block) => block.Statement?.some((statement: Statement) => statement.Effect === "Allow"))
    .map((block) => block.Statement);
}
const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
const wildcard = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
const allows = (statements: Statement[], action: string, arn: string) =>
  statements.some(
    (s) =>
      s.Effect === "Allow" &&
      list(s.Action).includes(action) &&
      list(s.Resource).some((resource) => wildcard(resource).test(arn)),
  );

describe("object keys and the documented IAM policy", () => {
  it("builds every object key the app writes with the builders (no key spelled out elsewhere)", () => {
    const inline = appCode.filter(
      (file) => !file.endsWith("object-keys.ts") && /`[a-z][a-z0-9-]*\/\$\{/.test(readFileSync(file, "utf8")),
    );
    expect(inline).toEqual([]);
    for (const [prefix, key] of Object.entries(builtKeys)) expect(key.startsWith(`${prefix}/`)).toBe(true);
  });

  it.each(["README.md", "docs/deploy.md"])(
    "%s grants every call the app makes on every key prefix",
    (file) => {
      const policies = documentedPolicies(file);
      expect(policies).toHaveLength(1);
      const [statements] = policies;
      const unknown = callsMade.filter((call) => !iamAction[call]);
      expect(unknown, "an S3 call without its IAM action in this test").toEqual([]);
      const rows: (string | number)[][] = [];
      for (const call of callsMade) {
        const { action, on } = iamAction[call];
        const targets =
          on === "bucket"
            ? [["(bucket)", bucketArn]]
            : Object.entries(builtKeys).map(([prefix, key]) => [`${prefix}/…`, `${bucketArn}/${key}`]);
        for (const [target, arn] of targets)
          rows.push([call, action, target, allows(statements, action, arn) ? "allowed" : "MISSING"]);
      }
      recordSecurityEvidence({
        section: "access-control",
        title: `IAM policy in ${file} × the app's S3 calls`,
        columns: ["S3 call", "IAM action", "key prefix", "policy"],
        rows,
      });
      expect(rows.filter((row) => row[3] !== "allowed")).toEqual([]);
      // Nothing beyond what the app calls.
      const granted = statements.flatMap((statement) => list(statement.Action));
      expect(new Set(granted)).toEqual(new Set(callsMade.map((call) => iamAction[call].action)));
    },
  );
});

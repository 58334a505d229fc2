import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkFloor, floorFor } from "../scripts/security/check-floor.mjs";
import { scanForSecrets, secretPatterns } from "../scripts/security/scan-secrets.mjs";
import { recordSecurityEvidence } from "./support/security-evidence";

// A project folder with one installed package, to show the floor check can fail.
function projectWith(name: string, version: string, min: string | string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), "floor-"));
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ dependencies: { [name]: version } }));
  writeFileSync(
    path.join(dir, "security-floor.json"),
    JSON.stringify({ [name]: { min, why: "test advisory" } }),
  );
  const location = `node_modules/other/node_modules/${name}`;
  writeFileSync(
    path.join(dir, "package-lock.json"),
    JSON.stringify({ packages: { "": {}, [location]: { version } } }),
  );
  mkdirSync(path.join(dir, location), { recursive: true });
  writeFileSync(path.join(dir, location, "package.json"), JSON.stringify({ name, version }));
  return dir;
}

describe("dependency security floor", () => {
  it("is met by every installed copy of every listed package", () => {
    const { packages, problems } = checkFloor();
    expect(problems).toEqual([]);
    expect(packages.length).toBeGreaterThanOrEqual(15);
    const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as {
      packages: Record<string, unknown>;
    };
    recordSecurityEvidence({
      section: "supply-chain",
      title: "Dependency floor",
      note: "Every installed copy (nested ones too) must be at or above its floor; CI fails otherwise. The GitHub workflow also runs `npm audit --audit-level=high`.",
      columns: ["package", "floor", "installed", "advisory answered"],
      rows: packages.map((item) => [
        item.name,
        item.min,
        item.installed.join(", ") || "not installed",
        item.why,
      ]),
      counts: {
        "packages with a floor": packages.length,
        "installed packages checked": Object.keys(lock.packages).length - 1,
      },
    });
  });

  it("fails on a nested copy below its floor, per major line", () => {
    expect(checkFloor(projectWith("left-pad", "1.2.0", "1.3.0")).problems).toEqual([
      expect.stringContaining("left-pad 1.2.0 (node_modules/other/node_modules/left-pad) is below 1.3.0"),
    ]);
    expect(checkFloor(projectWith("left-pad", "2.0.1", ["1.1.12", "2.0.2"])).problems).toHaveLength(1);
    expect(checkFloor(projectWith("left-pad", "1.1.12", ["1.1.12", "2.0.2"])).problems).toEqual([]);
    expect(floorFor("5.1.0", ["1.1.12", "2.0.2"])).toBeNull();
    expect(floorFor("0.9.0", ["1.1.12", "2.0.2"])).toBe("1.1.12");
  });

  it("orders as SemVer does: a pre-release of the floor's version is below it", () => {
    expect(checkFloor(projectWith("left-pad", "1.3.0-rc.1", "1.3.0")).problems).toEqual([
      expect.stringContaining(
        "left-pad 1.3.0-rc.1 (node_modules/other/node_modules/left-pad) is below 1.3.0",
      ),
    ]);
    expect(checkFloor(projectWith("left-pad", "1.3.1-rc.1", "1.3.0")).problems).toEqual([]);
    expect(floorFor("2.0.0-beta.1", ["1.1.12", "2.0.2"])).toBe("2.0.2");
  });
});

describe("secret scanner", () => {
  const planted: [string, string][] = [
    ["Stripe live secret key", `sk_live_${"a1B2".repeat(6)}`],
    ["Stripe test secret key", `sk_test_${"Zz9".repeat(9)}`],
    ["Stripe webhook signing secret", `whsec_${"q".repeat(32)}`],
    ["AWS access key id", ["AK", "IA", "ABCD".repeat(4)].join("")],
    ["AWS secret access key assignment", `aws_secret_access_key = ${"x".repeat(40)}`],
    ["presigned URL signature", `https://bucket/key?X-Amz-Signature=${"ab12".repeat(16)}`],
    [
      "CloudFront signed URL",
      `https://d111.cloudfront.net/key?Expires=1&Signature=${"Ab~_".repeat(12)}&Key-Pair-Id=K2`,
    ],
    [
      "licence key",
      `GET /api/v1/feeds/app/stable/macOS/appcast.xml?key=${["DL", "7K2QD", "M9XWA", "4TNVB", "0PHRZ"].join("-")}`,
    ],
    ["link token in a URL", `/api/auth/callback/email?token=${"9f".repeat(32)}&email=a%40example.com`],
    ["private key", `-----BEGIN PRIVATE KEY-----\n${"MIIE".repeat(16)}`],
  ];

  it("finds each kind of planted secret, and a configured secret value", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "scan-"));
    planted.forEach(([, value], index) =>
      writeFileSync(path.join(dir, `file-${index}.js`), `const x = "${value}";`),
    );
    writeFileSync(path.join(dir, "config.txt"), "token=my-configured-secret-value");
    const { findings, scanned } = scanForSecrets([dir], { exact: ["my-configured-secret-value"] });
    expect(scanned).toBe(planted.length + 1);
    expect(findings.map((finding) => finding.kind).sort()).toEqual(
      [...planted.map(([kind]) => kind), "configured secret value"].sort(),
    );
    expect(secretPatterns).toHaveLength(planted.length);
  });

  it("does not flag look-alikes that libraries ship", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "scan-"));
    writeFileSync(
      path.join(dir, "lib.js"),
      [
        'if (0 !== e.indexOf("-----BEGIN PRIVATE KEY-----")) throw TypeError("pkcs8");',
        'const example = "sk_live_..."; const local = "sk_test_downlink_local";',
        'const query = "X-Amz-Signature"; const header = "whsec_";',
        'const hint = "not a licence key (DL-XXXXX-XXXXX-XXXXX-XXXXX)"; const unknown = "DL-00000-00000-00000-00000";',
        'const redacted = "?key=DL-[redacted]&token=[redacted]"; const page = "/unsubscribe?token=forged";',
      ].join("\n"),
    );
    expect(scanForSecrets([dir]).findings).toEqual([]);
  });
});

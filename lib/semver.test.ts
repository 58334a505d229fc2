import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forbiddenVersions } from "../tests/support/versions";
import { compareVersions, isSemver, newestFirst } from "./semver";

// The copy of `semver` that electron-updater itself loads: the apps' judge of "is this newer".
const require = createRequire(import.meta.url);
const updaterSemver = createRequire(require.resolve("electron-updater"))("semver") as typeof import("semver");

// Identifiers that trip hand-written comparisons: digits (Number("1e2") is 100), mixed case, hyphens.
const numeric = fc.oneof(fc.nat({ max: 12 }), fc.nat()).map(String);
const alphanumeric = fc.oneof(
  fc.constantFrom(
    "alpha",
    "Alpha",
    "beta",
    "Beta",
    "rc",
    "RC",
    "1e2",
    "1E2",
    "0x10",
    "Infinity",
    "-",
    "-1",
    "a-b",
  ),
  fc.stringMatching(/^[0-9A-Za-z-]{0,3}[A-Za-z-][0-9A-Za-z-]{0,3}$/),
);
const identifier = fc.oneof(numeric, alphanumeric);
const core = fc
  .tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 }), fc.nat({ max: 3 }))
  .map((parts) => parts.join("."));
const version = fc
  .tuple(
    core,
    fc.option(fc.array(identifier, { minLength: 1, maxLength: 3 })),
    fc.option(fc.array(identifier, { minLength: 1, maxLength: 2 })),
  )
  .map(
    ([main, pre, build]) => `${main}${pre ? `-${pre.join(".")}` : ""}${build ? `+${build.join(".")}` : ""}`,
  );
// Almost-versions: leading zeros, empty or odd identifiers, missing or extra parts, a "v".
const piece = fc.oneof(identifier, fc.constantFrom("", "00", "01", "007", "v1", "9007199254740992"));
const nearVersion = fc
  .tuple(
    fc.constantFrom("", "v", "V", "="),
    fc.array(piece, { minLength: 1, maxLength: 4 }),
    fc.option(fc.array(piece, { maxLength: 3 })),
    fc.option(fc.array(piece, { maxLength: 2 })),
  )
  .map(
    ([prefix, main, pre, build]) =>
      `${prefix}${main.join(".")}${pre ? `-${pre.join(".")}` : ""}${build ? `+${build.join(".")}` : ""}`,
  );

describe("compareVersions", () => {
  it("orders numerically and puts pre-releases before their release", () => {
    const versions = ["1.10.0", "1.9.0", "2.0.0-beta.2", "2.0.0", "2.0.0-beta.10", "2.0.0-alpha", "v0.1.0"];
    expect(newestFirst(versions.map((version) => ({ version }))).map((item) => item.version)).toEqual([
      "2.0.0",
      "2.0.0-beta.10",
      "2.0.0-beta.2",
      "2.0.0-alpha",
      "1.10.0",
      "1.9.0",
      "v0.1.0",
    ]);
  });

  it("sorts non-semver strings after semver ones", () => {
    expect(compareVersions("nightly", "1.0.0")).toBeGreaterThan(0);
    expect(compareVersions("1.0.0", "1.0.0+build.5")).toBe(0);
  });

  it("follows SemVer where intuition differs: ASCII case order, numeric before alphanumeric", () => {
    expect(compareVersions("1.0.0-Beta", "1.0.0-alpha")).toBeLessThan(0);
    expect(compareVersions("1.0.0-alpha", "1.0.0-beta")).toBeLessThan(0);
    expect(compareVersions("1.0.0-rc.101", "1.0.0-rc.1e2")).toBeLessThan(0);
    expect(compareVersions("1.0.0-rc.0x10", "1.0.0-rc.9")).toBeGreaterThan(0);
  });

  it("agrees with electron-updater's semver on every pair of generated versions", () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(Math.sign(compareVersions(a, b)), `${a} vs ${b}`).toBe(updaterSemver.compare(a, b));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.array(version, { maxLength: 12 }), (versions) => {
        const sorted = newestFirst(versions.map((v) => ({ version: v }))).map((item) => item.version);
        for (let i = 1; i < sorted.length; i++)
          expect(updaterSemver.compare(sorted[i - 1], sorted[i])).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe("isSemver", () => {
  it("accepts versions the ordering understands and nothing else", () => {
    for (const version of ["1.0.0", "v2.10.3", "2.0.0-beta.1", "1.0.0+build.5"])
      expect(isSemver(version), version).toBe(true);
    for (const version of ["", "1.0", "1.0.0.0", "latest", "1.0.0-", " 1.0.0"])
      expect(isSemver(version), version).toBe(false);
  });

  it("refuses what SemVer 2.0 forbids: leading zeros, empty identifiers, numbers past 2^53", () => {
    for (const version of [...forbiddenVersions, "=1.0.0"]) {
      expect(isSemver(version), version).toBe(false);
    }
    for (const version of ["0.0.0", "1.0.0-0", "1.0.0-rc.1e2", "1.0.0-0a", "1.0.0+001", "1.0.0-x-y.--"])
      expect(isSemver(version), version).toBe(true);
  });

  it("accepts exactly what electron-updater's semver parses", () => {
    fc.assert(
      fc.property(nearVersion, (text) => {
        expect(isSemver(text), text).toBe(updaterSemver.valid(text) !== null);
      }),
      { numRuns: 2000 },
    );
  });
});

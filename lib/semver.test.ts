import { describe, expect, it } from "vitest";
import { compareVersions, isSemver, newestFirst } from "./semver";

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
});

describe("isSemver", () => {
  it("accepts versions the ordering understands and nothing else", () => {
    for (const version of ["1.0.0", "v2.10.3", "2.0.0-beta.1", "1.0.0+build.5"]) expect(isSemver(version), version).toBe(true);
    for (const version of ["", "1.0", "1.0.0.0", "latest", "1.0.0-", " 1.0.0"]) expect(isSemver(version), version).toBe(false);
  });
});

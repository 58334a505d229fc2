import { describe, expect, it } from "vitest";
import { newLicenseKey, normalizeLicenseKey } from "./keys";
import { insideUpdateWindow, updatesUntilFor } from "./windows";

describe("licence keys", () => {
  it("are readable, unique and round-trip through normalisation", () => {
    const keys = Array.from({ length: 2000 }, newLicenseKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) {
      expect(key).toMatch(/^DL-[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
      expect(normalizeLicenseKey(key)).toBe(key);
    }
  });

  it("accept what people type and refuse what cannot be a key", () => {
    expect(normalizeLicenseKey(" dl-abcde fghjk-mnpqr-stvwx ")).toBe("DL-ABCDE-FGHJK-MNPQR-STVWX");
    expect(normalizeLicenseKey("ABCDEFGHJKMNPQRSTVWX")).toBe("DL-ABCDE-FGHJK-MNPQR-STVWX");
    expect(normalizeLicenseKey("DL-0OIL1-00000-00000-00000")).toBe("DL-00111-00000-00000-00000");
    for (const bad of [
      "",
      "DL-",
      "DL-ABCDE-FGHJK-MNPQR",
      "DL-ABCDE-FGHJK-MNPQR-STVWU",
      "DL-ABCDE-FGHJK-MNPQR-STVWX-A",
      "x".repeat(100),
      "DL-ÄBCDE-FGHJK-MNPQR-STVWX",
    ]) {
      expect(normalizeLicenseKey(bad), bad).toBeNull();
    }
  });
});

describe("update windows", () => {
  it("end N calendar months after the grant, or never", () => {
    expect(updatesUntilFor(12, new Date("2026-01-31T10:00:00Z"))?.toISOString()).toBe(
      "2027-01-31T10:00:00.000Z",
    );
    expect(updatesUntilFor(null, new Date())).toBeNull();
    expect(updatesUntilFor(0, new Date())).toBeNull();
  });

  it("hold releases published up to the end, not after, and unpublished ones never", () => {
    const until = new Date("2027-01-31T10:00:00Z");
    expect(insideUpdateWindow(new Date("2027-01-31T10:00:00Z"), until)).toBe(true);
    expect(insideUpdateWindow(new Date("2027-01-31T10:00:01Z"), until)).toBe(false);
    expect(insideUpdateWindow(null, until)).toBe(false);
    expect(insideUpdateWindow(new Date("2099-01-01"), null)).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { expectedPartBytes, partCountFor } from "./part-size";
import { choosePartSize } from "./uploads";
import { ResultError } from "../result";

const MIB = 1024 * 1024;
const TIB = 1024 ** 4;

describe("choosePartSize", () => {
  it("uses 8 MiB parts up to 10,000 of them", () => {
    expect(choosePartSize(1)).toBe(8 * MIB);
    expect(choosePartSize(20 * MIB + 1)).toBe(8 * MIB);
    expect(choosePartSize(10_000 * 8 * MIB)).toBe(8 * MIB);
  });

  it("grows by whole MiB so that any file fits in 10,000 parts", () => {
    expect(choosePartSize(10_000 * 8 * MIB + 1)).toBe(9 * MIB);
    expect(choosePartSize(100 * 1024 ** 3)).toBe(11 * MIB);
    expect(choosePartSize(5 * TIB)).toBe(525 * MIB);
    for (const size of [1, 8 * MIB, 8 * MIB + 1, 83_886_080_001, 1.5 * TIB + 7, 5 * TIB - 1, 5 * TIB]) {
      const partSize = choosePartSize(size);
      expect(partSize % MIB, `${size}`).toBe(0);
      expect(partSize).toBeGreaterThanOrEqual(8 * MIB);
      expect(partCountFor(size, partSize), `${size}`).toBeLessThanOrEqual(10_000);
      expect(partSize).toBeLessThanOrEqual(5 * 1024 ** 3); // S3's largest part
    }
  });

  it("rejects empty, fractional and larger-than-5-TiB files", () => {
    for (const size of [0, -1, 1.5, Number.NaN, 5 * TIB + 1, Number.MAX_SAFE_INTEGER + 2]) {
      expect(() => choosePartSize(size), `${size}`).toThrow(ResultError);
      try {
        choosePartSize(size);
      } catch (error) {
        expect((error as ResultError).status).toBe(400);
      }
    }
  });

  it("expects full parts and a shorter last part", () => {
    const size = 20 * MIB + 5;
    expect(partCountFor(size, 8 * MIB)).toBe(3);
    expect([1, 2, 3].map((part) => expectedPartBytes(size, 8 * MIB, part))).toEqual([
      8 * MIB,
      8 * MIB,
      4 * MIB + 5,
    ]);
    expect(expectedPartBytes(16 * MIB, 8 * MIB, 2)).toBe(8 * MIB);
  });
});

import { describe, expect, it } from "vitest";
import { progressLine } from "../scripts/cli/progress";
import { formatBytes, formatSpeed } from "./format";
import { uploadProgressText } from "./browser/progress-text";

const MiB = 1024 * 1024;

describe("formatBytes", () => {
  it("writes every size in SI decimal units, one decimal below 100", () => {
    const cases: [number, string][] = [
      [0, "0 B"],
      [999, "999 B"],
      [1000, "1.0 kB"],
      [1536, "1.5 kB"],
      [99_949, "99.9 kB"],
      [99_950, "100 kB"],
      [999_499, "999 kB"],
      [999_500, "1.0 MB"],
      [25 * MiB, "26.2 MB"], // the build the CLI called 26.2 MB and the admin page 25 MB
      [64 * MiB, "67.1 MB"],
      [1e9, "1.0 GB"],
      [5 * 1024 ** 4, "5.5 TB"], // S3's largest object
    ];
    expect(cases.map(([bytes]) => [bytes, formatBytes(bytes)])).toEqual(cases);
    expect(formatSpeed(12_500_000)).toBe("12.5 MB/s");
  });
});

describe("one size in every place", () => {
  it("the CLI's progress line and the admin uploader's both say what formatBytes says", () => {
    const written: string[] = [];
    const stream = {
      isTTY: false,
      write: (text: string) => written.push(text),
    } as unknown as NodeJS.WriteStream;
    const progress = {
      uploadedBytes: 25 * MiB,
      totalBytes: 64 * MiB,
      bytesPerSecond: 8 * MiB,
      secondsLeft: 4.9,
    };
    progressLine(stream).update(progress);
    expect(written.join("")).toContain("26.2 MB/67.1 MB  8.4 MB/s");
    expect(uploadProgressText(progress, "uploading")).toBe("39% · 26.2 MB of 67.1 MB · 8.4 MB/s · 5 s left");
  });

  it("a paused upload shows how far it got, and no speed or time left", () => {
    const progress = {
      uploadedBytes: 25 * MiB,
      totalBytes: 64 * MiB,
      bytesPerSecond: 8 * MiB,
      secondsLeft: 4.9,
    };
    expect(uploadProgressText(progress, "paused")).toBe("39% · 26.2 MB of 67.1 MB · paused");
    expect(uploadProgressText({ ...progress, bytesPerSecond: 0, secondsLeft: Infinity }, "uploading")).toBe(
      "39% · 26.2 MB of 67.1 MB · measuring speed…",
    );
  });
});

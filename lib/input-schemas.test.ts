import { describe, expect, it } from "vitest";
import { lineText, multilineText } from "./input-schemas";
import { releaseFilename } from "./schemas/uploads";

// A lone surrogate has no UTF-8 form; a name made of one reached the S3 signer and answered 500.
describe("text that cannot be stored", () => {
  it.each([
    ["a line", lineText(100)],
    ["free text", multilineText(100)],
    ["a file name", releaseFilename],
  ])("%s refuses lone surrogates and keeps real astral characters", (_what, schema) => {
    expect(schema.safeParse("\ud800").success).toBe(false);
    expect(schema.safeParse("Setup \udc00.exe").success).toBe(false);
    expect(schema.safeParse("Setup 🚀.exe").success).toBe(true);
  });
});

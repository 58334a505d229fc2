import { describe, expect, it } from "vitest";
import { attachmentDisposition } from "./content-disposition";

describe("attachmentDisposition", () => {
  it.each([
    ["plain.zip", `attachment; filename="plain.zip"; filename*=UTF-8''plain.zip`],
    ["My App 1.0.dmg", `attachment; filename="My App 1.0.dmg"; filename*=UTF-8''My%20App%201.0.dmg`],
    ['say "hi".zip', `attachment; filename="say _hi_.zip"; filename*=UTF-8''say%20%22hi%22.zip`],
    [
      "Noël – été.tar.gz",
      `attachment; filename="Noel _ ete.tar.gz"; filename*=UTF-8''No%C3%ABl%20%E2%80%93%20%C3%A9t%C3%A9.tar.gz`,
    ],
    ["日本語.exe", `attachment; filename="___.exe"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.exe`],
    ["it's (x64)*.zip", `attachment; filename="it's (x64)*.zip"; filename*=UTF-8''it%27s%20%28x64%29%2A.zip`],
  ])("%s", (filename, expected) => {
    expect(attachmentDisposition(filename)).toBe(expected);
  });

  it("cannot be steered by path separators, control characters or header injection", () => {
    const header = attachmentDisposition("../../etc/passwd\r\nSet-Cookie: x=1");
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename=".._.._etc_passwd__Set-Cookie: x=1"');
    expect(header).not.toContain("/");
  });

  it("never produces an empty name", () => {
    expect(attachmentDisposition("   ")).toBe(`attachment; filename="download"; filename*=UTF-8''download`);
  });
});

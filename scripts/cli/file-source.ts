// A file on disk as the multipart client's byte source: each part is read from its offset
// when it is about to be sent, so a 50 GB build never sits in memory.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Architecture, OperatingSystem, Platform } from "../../lib/platforms";

export async function openFileSource(path: string) {
  const handle = await open(path, "r");
  const { size } = await handle.stat();
  return {
    size,
    async slice(start: number, end: number): Promise<Uint8Array> {
      const buffer = Buffer.allocUnsafe(end - start);
      let filled = 0;
      while (filled < buffer.length) {
        const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
        if (bytesRead === 0) throw new Error(`${path} got shorter while it was being uploaded`);
        filled += bytesRead;
      }
      return buffer;
    },
    close: () => handle.close(),
  };
}

// Streams the file once more to check the bucket stored exactly what is on disk.
export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

// By extension, else by a whole word in the name ("tool-1.2-linux-x64.tar.gz"), never by a
// fragment ("emacs" is not macOS); the architecture likewise, universal when the name has none.
const systemHints: [RegExp, OperatingSystem][] = [
  [/\.(dmg|pkg)$|(?<![a-z])(macos|mac|darwin|osx)(?![a-z])/i, "macos"],
  [/\.(exe|msi|msix)$|(?<![a-z])(windows|win|win32|win64)(?![a-z])/i, "windows"],
  [/\.(appimage|deb|rpm|snap|flatpak)$|(?<![a-z])linux(?![a-z])/i, "linux"],
];
const archHints: [RegExp, Architecture][] = [
  [/(?<![a-z0-9])(arm64|aarch64)(?![a-z0-9])/i, "arm64"],
  [/(?<![a-z0-9])(x64|x86[-_]64|amd64|win64)(?![a-z0-9])/i, "x64"],
];

export function guessPlatform(filename: string): Platform | undefined {
  const os = systemHints.find(([pattern]) => pattern.test(filename))?.[1];
  const arch = archHints.find(([pattern]) => pattern.test(filename))?.[1] ?? "universal";
  return os && `${os}_${arch}`;
}

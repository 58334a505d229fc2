// A file on disk as the multipart client's byte source: each part is read from its offset
// when it is about to be sent, so a 50 GB build never sits in memory.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";

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

// Sparkle's EdDSA signature of a build, made where the key lives: the key file is what Sparkle 2's
// `generate_keys -x <file>` exports (base64 of a 32-byte seed), and the signature is the one its
// `sign_update` prints (Ed25519 over the file's bytes, base64). The key never leaves this machine.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { decodeRawKey, keyPairFromSeed } from "../../lib/signing/ed25519-keys";
import { streamingSigner } from "../../lib/signing/ed25519-stream";

async function feed(path: string, sink: { update(chunk: Buffer): unknown }) {
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) sink.update(chunk);
}

// Reads the file twice (Ed25519 hashes the message twice) and never holds more than a chunk.
export async function sparkleSignature(file: string, keyFile: string): Promise<string> {
  const key = keyPairFromSeed(decodeRawKey(await readFile(keyFile, "utf8"), `the Sparkle key in ${keyFile}`));
  const signer = streamingSigner(key);
  await feed(file, signer.firstPass);
  await feed(file, signer.startSecondPass());
  return signer.finish().toString("base64");
}

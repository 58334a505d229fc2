import { generateKeyPairSync, randomBytes, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyPairFromSeed, publicKeyObject } from "./ed25519-keys";
import { streamingSigner, streamingVerifier } from "./ed25519-stream";

// Ed25519 is deterministic: a streamed signature must be byte for byte the one Node's crypto
// makes over the whole buffer, however the message is cut into chunks.
const chunks = (message: Buffer, size: number) =>
  Array.from({ length: Math.ceil(message.length / size) }, (_, i) =>
    message.subarray(i * size, (i + 1) * size),
  );

describe("streamed Ed25519", () => {
  it("signs exactly as Node's crypto does, and verifies only the bytes signed", () => {
    for (const length of [0, 1, 63, 64, 1000, 200_003]) {
      const seed = Buffer.from(
        generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }).d!,
        "base64url",
      );
      const key = keyPairFromSeed(seed);
      const message = randomBytes(length);
      const signer = streamingSigner(key);
      for (const chunk of chunks(message, 4099)) signer.firstPass.update(chunk);
      const second = signer.startSecondPass();
      for (const chunk of chunks(message, 65_536)) second.update(chunk);
      const signature = signer.finish();
      expect(signature.equals(sign(null, message, key.privateKey)), `${length} bytes`).toBe(true);
      expect(verify(null, message, publicKeyObject(key.publicKey), signature)).toBe(true);

      const good = streamingVerifier(key.publicKey, signature);
      for (const chunk of chunks(message, 1000)) good.sink.update(chunk);
      expect(good.valid()).toBe(true);
      if (length === 0) continue;
      const tampered = Buffer.from(message);
      tampered[length - 1] ^= 0x80;
      const bad = streamingVerifier(key.publicKey, signature);
      bad.sink.update(tampered);
      expect(bad.valid()).toBe(false);
    }
  });
});

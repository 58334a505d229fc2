// Ed25519 (RFC 8032) over a message read as a stream, for builds of gigabytes: Node's crypto
// signs and verifies only a whole buffer, and Sparkle signs the archive itself (pure Ed25519,
// not the pre-hashed variant). Signing hashes the message twice (the nonce, then the challenge),
// so it reads it twice; verifying reads it once. The curve arithmetic below is the RFC's, with
// BigInt; it runs once per file (a few milliseconds), and its timing depends on the nonce, which
// an observer would have to time through the read of a whole build. The tests check every
// signature against Node's own Ed25519 (it is deterministic: the same bytes come out).
import { createHash, type Hash } from "node:crypto";
import type { Ed25519KeyPair } from "./ed25519-keys";

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const mod = (a: bigint, m = P) => ((a % m) + m) % m;
const pow = (base: bigint, exp: bigint) => {
  let [result, b, e] = [1n, mod(base), exp];
  for (; e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) result = (result * b) % P;
  return result;
};
const inv = (a: bigint) => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);

type Point = [bigint, bigint, bigint, bigint]; // extended coordinates X, Y, Z, T
const BASE_Y = mod(4n * inv(5n));
const BASE: Point = (() => {
  const x = recoverX(BASE_Y, 0)!;
  return [x, BASE_Y, 1n, mod(x * BASE_Y)];
})();
const ZERO: Point = [0n, 1n, 1n, 0n];

function add([X1, Y1, Z1, T1]: Point, [X2, Y2, Z2, T2]: Point): Point {
  const A = mod((Y1 - X1) * (Y2 - X2));
  const B = mod((Y1 + X1) * (Y2 + X2));
  const C = mod(T1 * 2n * D * T2);
  const Dd = mod(Z1 * 2n * Z2);
  const [E, F, G, H] = [B - A, Dd - C, Dd + C, B + A];
  return [mod(E * F), mod(G * H), mod(F * G), mod(E * H)];
}

function multiply(scalar: bigint, point: Point): Point {
  let [result, addend] = [ZERO, point];
  for (let s = scalar; s > 0n; s >>= 1n, addend = add(addend, addend))
    if (s & 1n) result = add(result, addend);
  return result;
}

function recoverX(y: bigint, sign: number): bigint | null {
  if (y >= P) return null;
  const x2 = mod((y * y - 1n) * inv(D * y * y + 1n));
  if (x2 === 0n) return sign ? null : 0n;
  let x = pow(x2, (P + 3n) / 8n);
  if (mod(x * x - x2) !== 0n) x = mod(x * SQRT_M1);
  if (mod(x * x - x2) !== 0n) return null;
  return Number(x & 1n) === sign ? x : P - x;
}

const littleEndian = (bytes: Uint8Array) =>
  BigInt(`0x${Buffer.from(bytes).reverse().toString("hex") || "0"}`);
const bytes32 = (n: bigint) => Buffer.from(n.toString(16).padStart(64, "0"), "hex").reverse();

function encode([X, Y, Z]: Point): Buffer {
  const zInv = inv(Z);
  const [x, y] = [mod(X * zInv), mod(Y * zInv)];
  const out = bytes32(y);
  out[31] |= Number(x & 1n) << 7;
  return out;
}

function decode(bytes: Buffer): Point | null {
  const copy = Buffer.from(bytes);
  const sign = copy[31] >> 7;
  copy[31] &= 0x7f;
  const y = littleEndian(copy);
  const x = recoverX(y, sign);
  return x === null ? null : [x, y, 1n, mod(x * y)];
}

type Sink = { update(chunk: Buffer): void };

// The first pass finds the nonce, the second the challenge; `finish` returns the 64 bytes.
export function streamingSigner(key: Ed25519KeyPair) {
  const expanded = createHash("sha512").update(key.seed).digest();
  const head = Buffer.from(expanded.subarray(0, 32));
  head[0] &= 248;
  head[31] &= 127;
  head[31] |= 64;
  const secret = littleEndian(head);
  const nonceHash = createHash("sha512").update(expanded.subarray(32));
  let challenge: { hash: Hash; r: bigint; R: Buffer } | null = null;
  return {
    firstPass: nonceHash as Sink,
    startSecondPass(): Sink {
      const r = mod(littleEndian(nonceHash.digest()), L);
      const R = encode(multiply(r, BASE));
      challenge = { hash: createHash("sha512").update(R).update(key.publicKey), r, R };
      return challenge.hash;
    },
    finish(): Buffer {
      if (!challenge) throw new Error("the second pass over the message has not run");
      const k = mod(littleEndian(challenge.hash.digest()), L);
      return Buffer.concat([challenge.R, bytes32(mod(challenge.r + k * secret, L))]);
    },
  };
}

// One pass: feed the message to `sink`, then `valid()` says whether the signature is the key's.
export function streamingVerifier(publicKey: Buffer, signature: Buffer) {
  const hash = createHash("sha512").update(signature.subarray(0, 32)).update(publicKey);
  return {
    sink: hash as Sink,
    valid(): boolean {
      if (signature.length !== 64 || publicKey.length !== 32) return false;
      const A = decode(publicKey);
      const S = littleEndian(signature.subarray(32));
      if (!A || S >= L || !decode(signature.subarray(0, 32))) return false;
      const k = mod(littleEndian(hash.digest()), L);
      const negA: Point = [mod(-A[0]), A[1], A[2], mod(-A[3])];
      return encode(add(multiply(S, BASE), multiply(k, negA))).equals(signature.subarray(0, 32));
    },
  };
}

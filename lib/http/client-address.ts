// Which address a request came from, for rate limits and the audit trail. A client can send any
// X-Forwarded-For it likes, so its leftmost entries prove nothing: every proxy *appends* the
// address it saw, and the server itself appends its socket peer (lib/http/peer-address.ts). The
// rightmost entry is therefore always the peer, and each trusted proxy in front of the app
// vouches for exactly one more entry to its left. TRUSTED_PROXY_HOPS says how many there are.
import { isIP } from "node:net";

// Where the chain is shorter than the hops configured, the request did not pass every proxy
// (e.g. a health check from inside the network): the leftmost entry is as far as trust reaches.
export function clientAddressFrom(
  forwardedFor: string | null | undefined,
  trustedHops: number,
): string | null {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (chain.length === 0) return null;
  const picked = chain[Math.max(0, chain.length - 1 - trustedHops)];
  return normalizeAddress(picked);
}

// "::ffff:203.0.113.7" (an IPv4 peer on a dual-stack socket), "[2001:db8::1]:443" and
// "203.0.113.7:51234" (proxies that add the port) all name one address. Other short tokens (a
// proxy's obfuscated identifier, RFC 7239) are kept as they are; "unknown" and anything with
// other characters name nobody.
export function normalizeAddress(entry: string): string | null {
  let address = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(address))
    address = address.slice(0, address.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) address = mapped[1];
  if (isIP(address)) return address.toLowerCase();
  return /^[0-9A-Za-z._:-]{1,64}$/.test(address) && address.toLowerCase() !== "unknown" ? address : null;
}

// The subject a per-client limit counts. Anyone with IPv6 holds at least a /64 (2^64 addresses),
// so counting full addresses would let one client take a fresh budget per request: an IPv6
// client is its /64. The audit trail keeps the full address.
export function limitSubject(address: string | null): string {
  if (!address) return "unknown";
  if (isIP(address) !== 6) return address;
  const [head, tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const width = (groups: string[]) => groups.reduce((n, group) => n + (group.includes(".") ? 2 : 1), 0);
  const groups = address.includes("::")
    ? [...left, ...Array(8 - width(left) - width(right)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

import "server-only";
import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

// Addresses a webhook must never reach from the server (SSRF): loopback, private networks,
// link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local, unspecified.
const internal = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.168.0.0", 16],
  ["224.0.0.0", 4],
] as const)
  internal.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  internal.addSubnet(network, prefix, "ipv6");

// An IPv4-mapped IPv6 address is its IPv4 address; URL writes [::ffff:127.0.0.1] as [::ffff:7f00:1].
function unmapped(address: string) {
  const mapped = /^::ffff:(?:([\d.]+)|([\da-f]{1,4}):([\da-f]{1,4}))$/i.exec(address);
  if (!mapped) return address;
  if (mapped[1]) return mapped[1];
  const [high, low] = [parseInt(mapped[2], 16), parseInt(mapped[3], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

const isInternal = (raw: string) => {
  const address = unmapped(raw);
  return internal.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
};

// Null when the URL may be called, else why not. `allowLocal` (development and the embedded stack
// only) lets http://localhost and 127.0.0.1 through, for a receiver on the same machine. Checked
// when the endpoint is saved and again before every attempt, since DNS can change in between.
export async function endpointUrlProblem(raw: string, allowLocal: boolean): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be a URL";
  }
  if (url.username || url.password) return "must not carry a user name or password";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const local = host === "localhost" || host === "127.0.0.1" || host === "::1";
  if (allowLocal && local && (url.protocol === "http:" || url.protocol === "https:")) return null;
  if (url.protocol !== "https:") return "must be an https:// URL";
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true, verbatim: true }).then(
        (found) => found.map((entry) => entry.address),
        () => null,
      );
  if (!addresses || addresses.length === 0) return "names a host that does not resolve";
  if (addresses.some(isInternal)) return "must not point at a private, loopback or link-local address";
  return null;
}

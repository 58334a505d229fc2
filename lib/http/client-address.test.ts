import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddressFrom, limitSubject, normalizeAddress } from "./client-address";
import { appendPeerAddress } from "./peer-address";

describe("clientAddressFrom", () => {
  // What reaches the app: whatever the client sent, one entry per proxy, then the socket peer.
  it.each([
    ["no proxy: the peer, whatever the client claims", "1.2.3.4, 198.51.100.20", 0, "198.51.100.20"],
    ["no proxy, no header sent", "198.51.100.20", 0, "198.51.100.20"],
    ["one proxy (ALB, nginx): the address it saw", "1.2.3.4, 203.0.113.9, 10.0.0.5", 1, "203.0.113.9"],
    ["Cloudflare in front of an ALB", "1.2.3.4, 203.0.113.9, 172.70.1.1, 10.0.0.5", 2, "203.0.113.9"],
    ["fewer entries than hops: the leftmost, as far as trust reaches", "10.0.0.5", 2, "10.0.0.5"],
    ["IPv6 peer", "1.2.3.4, 2001:db8::7", 0, "2001:db8::7"],
    ["IPv4 on a dual-stack socket", "::ffff:127.0.0.1", 0, "127.0.0.1"],
  ])("%s", (_case, header, hops, expected) => {
    expect(clientAddressFrom(header, hops)).toBe(expected);
  });

  it("names nobody when there is no header, or the trusted entry is not an address", () => {
    expect(clientAddressFrom(null, 0)).toBeNull();
    expect(clientAddressFrom(" , ", 0)).toBeNull();
    expect(clientAddressFrom("203.0.113.9, unknown", 0)).toBeNull();
    expect(clientAddressFrom("<script>, 10.0.0.5", 1)).toBeNull();
  });

  it("reads the ports and brackets some proxies add", () => {
    expect(normalizeAddress("203.0.113.9:51234")).toBe("203.0.113.9");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("[::1]")).toBe("::1");
    expect(normalizeAddress("_hidden-proxy-7")).toBe("_hidden-proxy-7");
    expect(normalizeAddress("x".repeat(65))).toBeNull();
  });
});

describe("appendPeerAddress", () => {
  const request = (forwardedFor?: string | string[]) =>
    ({
      headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
    }) as unknown as IncomingMessage;

  it("puts the socket peer last, after whatever the client sent, once", () => {
    const forged = request("1.2.3.4");
    appendPeerAddress(forged, { remoteAddress: "127.0.0.1" });
    appendPeerAddress(forged, { remoteAddress: "127.0.0.1" });
    expect(forged.headers["x-forwarded-for"]).toBe("1.2.3.4, 127.0.0.1");
    expect(clientAddressFrom(forged.headers["x-forwarded-for"] as string, 0)).toBe("127.0.0.1");

    const plain = request();
    appendPeerAddress(plain, { remoteAddress: "10.0.0.5" });
    expect(plain.headers["x-forwarded-for"]).toBe("10.0.0.5");
  });

  it("records an unknown peer rather than trust the client's last entry", () => {
    const closed = request("1.2.3.4");
    appendPeerAddress(closed, { remoteAddress: undefined });
    expect(clientAddressFrom(closed.headers["x-forwarded-for"] as string, 0)).toBeNull();
  });
});

describe("limitSubject", () => {
  it.each([
    ["an IPv4 address is itself", "203.0.113.9", "203.0.113.9"],
    ["an IPv6 address is its /64", "2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["however it is shortened", "2001:db8:1:2::7", "2001:db8:1:2::/64"],
    ["with zeros inside the prefix", "2001:db8::1", "2001:db8:0:0::/64"],
    ["with leading zeros written out", "2001:0db8:0001:0002::1", "2001:db8:1:2::/64"],
    ["loopback", "::1", "0:0:0:0::/64"],
    ["with an IPv4 tail", "64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"],
    ["an unknown client shares one bucket", null, "unknown"],
  ])("%s", (_case, address, expected) => {
    expect(limitSubject(address)).toBe(expected);
  });
});

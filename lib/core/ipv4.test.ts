import { describe, expect, it } from "vitest";
import { clientIpv4, formatIpv4, formatIpv4Network, networkContains, parseIpv4, parseIpv4Network } from "./ipv4";

describe("IPv4 addresses and networks", () => {
  it("parse dotted quads strictly", () => {
    expect(parseIpv4("192.0.2.7")).toBe(0xc0000207);
    expect(parseIpv4("0.0.0.0")).toBe(0);
    expect(parseIpv4("255.255.255.255")).toBe(0xffffffff);
    for (const bad of ["256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.-4", " 1.2.3.4", "a.b.c.d", "", "::1", "1.2.3.4/24"]) expect(parseIpv4(bad), bad).toBeNull();
    expect(formatIpv4(0xc0000207)).toBe("192.0.2.7");
  });

  it("read a network as CIDR, a bare address as /32, and zero the host bits", () => {
    expect(parseIpv4Network("192.0.2.0/24")).toEqual({ base: 0xc0000200, prefix: 24 });
    expect(formatIpv4Network(parseIpv4Network("192.0.2.7/24")!)).toBe("192.0.2.0/24");
    expect(formatIpv4Network(parseIpv4Network(" 192.0.2.7 ")!)).toBe("192.0.2.7");
    expect(formatIpv4Network(parseIpv4Network("192.0.2.7/32")!)).toBe("192.0.2.7");
    expect(formatIpv4Network(parseIpv4Network("10.1.2.3/0")!)).toBe("0.0.0.0/0");
    for (const bad of ["192.0.2.0/33", "192.0.2.0/", "192.0.2.0/x", "192.0.2.0/24/1", "192.0.2.0/024", "300.0.0.0/8"]) expect(parseIpv4Network(bad), bad).toBeNull();
  });

  it("know which addresses a network holds, at its edges too", () => {
    const net = parseIpv4Network("192.0.2.0/24")!;
    expect(networkContains(net, parseIpv4("192.0.2.0")!)).toBe(true);
    expect(networkContains(net, parseIpv4("192.0.2.255")!)).toBe(true);
    expect(networkContains(net, parseIpv4("192.0.3.0")!)).toBe(false);
    expect(networkContains(parseIpv4Network("0.0.0.0/0")!, parseIpv4("203.0.113.9")!)).toBe(true);
    expect(networkContains(parseIpv4Network("203.0.113.9")!, parseIpv4("203.0.113.10")!)).toBe(false);
  });

  it("read a client address: IPv4, or IPv4-mapped IPv6; plain IPv6 is none", () => {
    expect(clientIpv4("192.0.2.7")).toBe(0xc0000207);
    expect(clientIpv4("::ffff:192.0.2.7")).toBe(0xc0000207);
    expect(clientIpv4("::1")).toBeNull();
    expect(clientIpv4("2001:db8::1")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { ipVerdict } from "./verdict";

const allow = (network: string) => ({ network, allowed: true });
const block = (network: string) => ({ network, allowed: false });

describe("ipVerdict", () => {
  it("lets every address through when there are no entries", () => {
    expect(ipVerdict([], "203.0.113.9")).toEqual({ allowed: true, match: null });
    expect(ipVerdict([], "::1")).toEqual({ allowed: true, match: null });
  });

  it("with an allow list, only its networks; the block list wins over it", () => {
    const entries = [allow("192.0.2.0/24"), block("192.0.2.66"), allow("198.51.100.7")];
    expect(ipVerdict(entries, "192.0.2.7")).toEqual({ allowed: true, match: allow("192.0.2.0/24") });
    expect(ipVerdict(entries, "::ffff:198.51.100.7")).toEqual({ allowed: true, match: allow("198.51.100.7") });
    expect(ipVerdict(entries, "192.0.2.66")).toEqual({ allowed: false, match: block("192.0.2.66") });
    expect(ipVerdict(entries, "203.0.113.9")).toEqual({ allowed: false, match: null });
    // The lists hold IPv4: an IPv6 client is in no allowed network.
    expect(ipVerdict(entries, "2001:db8::1")).toEqual({ allowed: false, match: null });
  });

  it("with only a block list, every other address", () => {
    expect(ipVerdict([block("203.0.113.0/24")], "203.0.113.9")).toEqual({ allowed: false, match: block("203.0.113.0/24") });
    expect(ipVerdict([block("203.0.113.0/24")], "192.0.2.7")).toEqual({ allowed: true, match: null });
    expect(ipVerdict([block("203.0.113.0/24")], "::1")).toEqual({ allowed: true, match: null });
  });
});

import { describe, expect, it } from "vitest";
import { addressNetwork, canonicalIp } from "./ip-address";

describe("canonicalIp", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:5678", "203.0.113.7"],
    ["2001:db8::1", "2001:db8::1"],
    ["2001:DB8::1", "2001:db8::1"],
    ["2001:0db8:0000::1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["::", "::"],
    ["::1", "::1"],
    ["1::", "1::"],
    ["2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"],
    // RFC 5952: the longest run of zeros, the first of two equal runs, never a single zero group.
    ["2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::"],
    ["2001:0:0:1:0:0:1:1", "2001::1:0:0:1:1"],
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::FFFF:203.0.113.7", "203.0.113.7"],
    ["::ffff:cb00:7107", "203.0.113.7"],
    ["::ffff:102:304", "1.2.3.4"],
    ["0:0:0:0:0:ffff:0102:0304", "1.2.3.4"],
    ["[::ffff:1.2.3.4]:80", "1.2.3.4"],
    ["::1.2.3.4", "::102:304"],
    ["64:ff9b::1.2.3.4", "64:ff9b::102:304"],
  ])("writes %j as %j", (raw, canonical) => {
    expect(canonicalIp(raw)).toBe(canonical);
  });

  it.each(["", "unknown", "junk", "01.2.3.4", "1.2.3", "256.1.1.1", "1::2::3", "2001:db8::g", "[2001:db8::1", "1.2.3.4:", "_hidden", "1.2.3.4, 5.6.7.8"])(
    "refuses %j",
    (raw) => {
      expect(canonicalIp(raw)).toBeUndefined();
    },
  );
});

describe("addressNetwork", () => {
  it("keys IPv4 by the address and IPv6 by its /64", () => {
    expect(addressNetwork("203.0.113.7")).toBe("203.0.113.7");
    expect(addressNetwork("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressNetwork("2001:db8::ffff:1:2:3")).toBe("2001:db8:0:0::/64");
    expect(addressNetwork("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(addressNetwork("::1")).toBe("0:0:0:0::/64");
    expect(addressNetwork("fe80::1")).toBe("fe80:0:0:0::/64");
  });
});

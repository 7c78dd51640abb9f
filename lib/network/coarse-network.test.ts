import { describe, expect, it } from "vitest";
import { coarseNetwork } from "./coarse-network";

describe("coarseNetwork", () => {
  it.each([
    ["203.0.113.57", "203.0.113.0/24"],
    ["10.1.2.3", "10.1.2.0/24"],
    ["::ffff:198.51.100.7", "198.51.100.0/24"],
    ["2001:db8:1:2::abcd", "2001:db8:1::/48"],
    ["2001:DB8:0:5::1", "2001:db8::/48"],
    ["2001:0:0:1::1", "2001::/48"],
    ["::1", "::/48"],
    ["fe80:1:2:3:4:5:6:7", "fe80:1:2::/48"],
  ])("%s is shown as %s", (ip, network) => {
    expect(coarseNetwork(ip)).toBe(network);
  });

  it.each([null, "", "unknown", "not an address"])("%j is unknown", (ip) => {
    expect(coarseNetwork(ip)).toBeNull();
  });
});

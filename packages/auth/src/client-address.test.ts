import { describe, expect, it } from "vitest";
import { addressThrottleKey, isLoopbackAddress, normalizeClientAddress } from "./client-address";

describe("client addresses", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:DB8::1", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    ["", null],
    [null, null],
    ["example.com", null],
    ["203.0.113.7, 10.0.0.1", null],
  ])("%j becomes %j", (input, expected) => {
    expect(normalizeClientAddress(input)).toBe(expected);
  });

  it("throttles IPv4 per address and IPv6 per /64", () => {
    expect(addressThrottleKey("203.0.113.7")).toBe("address:203.0.113.7");
    expect(addressThrottleKey("2001:db8:1:2:aaaa::1")).toBe("address:2001:db8:1:2::/64");
    expect(addressThrottleKey("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("address:2001:db8:1:2::/64");
    expect(addressThrottleKey("2001:db8::1")).toBe("address:2001:db8:0:0::/64");
    expect(addressThrottleKey("::1")).toBe("address:0:0:0:0::/64");
  });

  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["0:0:0:0:0:0:0:1", true],
    ["10.0.0.1", false],
    ["203.0.113.7", false],
    ["::2", false],
    ["localhost", false],
    ["127.0.0.1, 203.0.113.7", false],
    ["", false],
    [null, false],
  ])("%j is loopback: %j", (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

import { describe, expect, it } from "vitest";
import { MINUTE } from "./clock";
import { DEFAULT_THROTTLE, throttleDelayMs } from "./throttle";

describe("throttle delays", () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 1 * MINUTE],
    [6, 2 * MINUTE],
    [7, 4 * MINUTE],
    [8, 8 * MINUTE],
    [9, 15 * MINUTE],
    [50, 15 * MINUTE],
    [10_000, 15 * MINUTE],
  ])("after %i account failures the wait is %i ms", (failures, delay) => {
    expect(throttleDelayMs(DEFAULT_THROTTLE.account, failures)).toBe(delay);
  });

  it("lets an address fail 19 times before waiting", () => {
    expect(throttleDelayMs(DEFAULT_THROTTLE.address, 19)).toBe(0);
    expect(throttleDelayMs(DEFAULT_THROTTLE.address, 20)).toBe(1 * MINUTE);
  });
});

import { isIP } from "node:net";

/**
 * A client address as the auth services use it: a valid IP address (IPv4-mapped IPv6 written as
 * IPv4) or null. Anything else — empty, a host name, a forged header value — counts as unknown,
 * so it never reaches the `inet` columns and never forms a throttle key of its own.
 */
export function normalizeClientAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  let value = address.trim();
  const zone = value.indexOf("%");
  if (zone >= 0) value = value.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1]!;
  const version = isIP(value);
  if (version === 4) return value;
  if (version === 6) return value.toLowerCase();
  return null;
}

/**
 * The throttle key of an address. One IPv6 subscriber usually holds a whole /64, so counting
 * single IPv6 addresses would let one client rotate through endless "new" addresses; the key is
 * the /64 network instead. IPv4 addresses count one by one.
 */
export function addressThrottleKey(address: string): string {
  if (isIP(address) !== 6) return `address:${address}`;
  const groups = expandIpv6(address).slice(0, 4);
  return `address:${groups.join(":")}::/64`;
}

function expandIpv6(address: string): string[] {
  let text = address;
  // An embedded IPv4 tail (::1.2.3.4) becomes two hex groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) =>
    group.toLowerCase().replace(/^0+(?=.)/, ""),
  );
}

/**
 * Whether an address is this machine's own (127.0.0.0/8, ::1, or IPv4-mapped loopback). Anything
 * that is not a valid address — missing, a host name, a header value — is not.
 */
export function isLoopbackAddress(address: string | null | undefined): boolean {
  const normalized = normalizeClientAddress(address);
  if (!normalized) return false;
  if (isIP(normalized) === 4) return normalized.startsWith("127.");
  return expandIpv6(normalized).join(":") === "0:0:0:0:0:0:0:1";
}

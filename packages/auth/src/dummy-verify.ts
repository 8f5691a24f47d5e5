import { hashPassword, verifyPassword } from "./password";
import { createToken } from "./tokens";

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one password verification without an account, so a sign-in for an unknown
 * email takes about as long as one with a wrong password.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(createToken());
  await verifyPassword(await dummyHash, password);
  return false;
}

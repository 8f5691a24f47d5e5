export { hashPassword, needsRehash, PASSWORD_HASH_PARAMS, verifyPassword } from "./password";

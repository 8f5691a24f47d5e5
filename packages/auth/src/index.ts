export {
  API_KEY_LAST_USED_RESOLUTION_MS,
  type ApiKeySummary,
  type CreateApiKeyInput,
  createApiKey,
  generateApiKeySecret,
  listApiKeys,
  revokeApiKey,
  type VerifiedApiKey,
  verifyApiKey,
} from "./api-keys";
export { addressThrottleKey, isLoopbackAddress, normalizeClientAddress } from "./client-address";
export { type Clock, DAY, HOUR, MINUTE, systemClock } from "./clock";
export { commonPasswords, isCommonPassword } from "./common-passwords";
export type { RequestInfo } from "./context";
export { type Auth, type AuthOptions, createAuth } from "./create-auth";
export { type AuthLog, type ErrorFacts, errorFacts, silentLog } from "./log";
export {
  createMailer,
  type DevMailMessage,
  listDevMail,
  type Mailer,
  type MailerOptions,
  type MailKind,
  type MailMessage,
} from "./mail/mailer";
export {
  COMMON_PASSWORD_MESSAGE,
  checkNewPassword,
  EMAIL_AS_PASSWORD_MESSAGE,
  type NewPasswordCheck,
} from "./new-password";
export { isSameOrigin } from "./origin";
export { hashPassword, needsRehash, PASSWORD_HASH_PARAMS, verifyPassword } from "./password";
export {
  type ChangePasswordOptions,
  type ChangePasswordResult,
  INVALID_RESET_MESSAGE,
  PASSWORD_RESET_LIFETIME_MS,
  type ResetPasswordResult,
} from "./password-results";
export type { CustomerAccess } from "./portal/grants";
export {
  type AcceptPortalInvitationFailure,
  type AcceptPortalInvitationInput,
  type AcceptPortalInvitationSuccess,
  INVALID_PORTAL_INVITATION_MESSAGE,
  type InvitePortalUserInput,
  PORTAL_INVITATION_LIFETIME_MS,
  type PortalInvitationLookup,
  type PortalInvitationProblem,
  type PortalInvitationView,
} from "./portal/invitations";
export type { PortalAuth, PortalSignInResult, PortalSignInSuccess, PortalValidation } from "./portal/service";
export type { PortalGrant } from "./portal/session-adapter";
export { type Realm, readCookieValue, sessionCookieName } from "./sessions/cookies";
export {
  PORTAL_SESSION_TIMEOUTS,
  type SessionTimeouts,
  STAFF_SESSION_TIMEOUTS,
} from "./sessions/timeouts";
export {
  INVALID_SIGN_IN_MESSAGE,
  type SignInFailure,
  THROTTLED_SIGN_IN_MESSAGE,
} from "./sign-in";
export type { StaffMembership } from "./staff/accounts";
export {
  type AcceptInvitationFailure,
  INVALID_INVITATION_MESSAGE,
  type InviteStaffInput,
  STAFF_INVITATION_LIFETIME_MS,
  type StaffInvitationView,
} from "./staff/invitations";
export type {
  AcceptInvitationResult,
  StaffAuth,
  StaffSignInResult,
  StaffSignInSuccess,
  StaffValidation,
} from "./staff/service";
export { DEFAULT_THROTTLE, type ThrottleRule, type ThrottleSettings, throttleDelayMs } from "./throttle";
export { createToken, hashEmail, hashToken, normalizeEmail } from "./tokens";

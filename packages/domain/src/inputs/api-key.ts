import { z } from "zod";
import { apiKeyScopes } from "../vocabulary";
import { choice, noDuplicates, optionalInstant, optionalText, requiredText } from "./fields";

/** A key for Ordinavo Connect. Keys are not edited: revoke one and create another. */
export const ZCreateApiKeyInput = z.object({
  name: requiredText("Name", 100, "Enter a name"),
  scopes: z
    .array(choice(apiKeyScopes, "Choose a scope from the list"), { error: "Choose at least one scope" })
    .min(1, { error: "Choose at least one scope" })
    .superRefine(noDuplicates((scope) => scope, "This scope is listed twice")),
  expiresAt: optionalInstant("Enter the expiry as a date and time"),
  /**
   * Limits the key to the external references of one source system, written exactly as the
   * references store it (e.g. "sap"). Blank or left out: every source its scopes reach.
   */
  sourceSystem: optionalText("Source system", 64),
});
export type CreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

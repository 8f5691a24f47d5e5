import { z } from "zod";
import { noDuplicates, requiredText } from "./fields";

/** The identifier of a record in another system (ERP, CRM, import source). */
export const ZExternalReference = z.object({
  sourceSystem: requiredText("Source system", 64, "Enter the source system"),
  externalId: requiredText("External ID", 200, "Enter the external ID"),
});
export type ExternalReference = z.infer<typeof ZExternalReference>;

export const externalReferenceList = z
  .array(ZExternalReference)
  .max(50, { error: "Add at most 50 external references" })
  .superRefine(
    noDuplicates(
      (ref) => `${ref.sourceSystem}\u0000${ref.externalId}`,
      "This external reference is listed twice",
    ),
  );

import { z } from "zod";
import { choice, requiredText } from "./fields";

/** What an import job creates. */
export const importKinds = ["customers", "locations", "contacts", "targets"] as const;
export type ImportKind = (typeof importKinds)[number];

export const maxImportRows = 10000;

/** A batch of rows from another system. Each row is validated on its own later, row by row. */
export const ZCreateImportJobInput = z.object({
  sourceSystem: requiredText("Source system", 64, "Enter the source system"),
  kind: choice(importKinds, "Choose what to import"),
  rows: z
    .array(z.record(z.string(), z.unknown(), { error: "Each row must be an object of named values" }), {
      error: "Send the rows as a list",
    })
    .min(1, { error: "Send at least one row" })
    .max(maxImportRows, { error: `Send at most ${maxImportRows} rows per import` }),
});
export type CreateImportJobInput = z.infer<typeof ZCreateImportJobInput>;

// Moved to ../services (records, cursor, context); kept while the routers move over.

export { ZCursorInput } from "../services/cursor";
export {
  assigneesWhere,
  changedFields,
  customerAssignedTo,
  firstNonMember,
  projected,
  requireMember,
  staffAuditActor,
  uniqueAsField,
  writable,
} from "../services/records";

import { z } from "zod";
import { AppError } from "../errors";
import type { StaffContext } from "../services/context";

/** @deprecated the service context (services/context.ts). */
export type RecordContext = Pick<StaffContext, "actor" | "tenantId" | "gates"> & {
  membership: { timeZone: string };
};

export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}
const ZCursorValues = z.array(z.union([z.string().max(500), z.number(), z.null()])).max(4);
export function decodeCursor(cursor: string, length: number): (string | number | null)[] {
  try {
    const values = ZCursorValues.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (values.length !== length) throw new Error("length");
    return values;
  } catch {
    throw AppError.field("after", "This page link is out of date; start again from the first page.");
  }
}

import type { AttachmentFacts } from "@ordinavo/policy";
import {
  canEditVisitReport,
  canRemoveAttachment,
  canSeeAttachment,
  canUploadAttachment,
} from "@ordinavo/policy";
import type { StaffContext } from "../context";
import type { AttachmentOwner } from "./owners";

// The policy's attachment rules applied to a loaded owner. One place, so the list's `canRemove`
// flag and the remove procedure can never disagree.

export function attachmentFacts(
  owner: AttachmentOwner,
  row: { portalReleasedAt: Date | null },
): AttachmentFacts {
  return {
    tenantId: owner.tenantId,
    customerId: owner.customerId,
    locationId: owner.locationId,
    ownerType: owner.ownerType,
    assignedEmployeeIds: owner.assignedEmployeeIds,
    portalReleasedAt: row.portalReleasedAt,
    ownerPublished: owner.ownerPublished,
  };
}

export const maySee = (ctx: StaffContext, owner: AttachmentOwner, row: { portalReleasedAt: Date | null }) =>
  canSeeAttachment(ctx.actor, attachmentFacts(owner, row), ctx.gates);

/**
 * Add files to the owner: the policy's upload rule, and for a report, only while the report can
 * still change (draft or returned, by its author or the appointment's assignee).
 */
export function mayUpload(ctx: StaffContext, owner: AttachmentOwner): boolean {
  if (!canUploadAttachment(ctx.actor, owner, ctx.gates)) return false;
  return owner.report === null || canEditVisitReport(ctx.actor, owner.report, ctx.gates);
}

/**
 * Remove a file (the policy's `canRemoveAttachment`): its uploader while they could still add
 * files to the owner, or a tenant admin — a report's files only while it is a draft or returned.
 */
export const mayRemove = (
  ctx: StaffContext,
  owner: AttachmentOwner,
  row: { uploadedById: string | null },
): boolean =>
  canRemoveAttachment(
    ctx.actor,
    {
      tenantId: owner.tenantId,
      ownerType: owner.ownerType,
      assignedEmployeeIds: owner.assignedEmployeeIds,
      uploadedById: row.uploadedById,
      report: owner.report,
    },
    ctx.gates,
  );

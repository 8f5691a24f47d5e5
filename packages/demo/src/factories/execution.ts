/** What happens at and after a visit: mobile updates, visit reports, attachments, follow-ups, billing. */
import { createHash, randomUUID } from "node:crypto";
import type { Transaction } from "@ordinavo/db";
import { attachments, billingTriggers, followUps, mobileUpdates, visitReports } from "@ordinavo/db/schema";
import { type FactoryInput, type Insert, only, type Row } from "./core";

export function mobileUpdateValues(
  input: FactoryInput<typeof mobileUpdates, "tenantId" | "appointmentId">,
): Insert<typeof mobileUpdates> {
  return { kind: "comment", body: "Comment from site", recordedAt: new Date(), ...input };
}

export async function createMobileUpdate(
  tx: Transaction,
  input: FactoryInput<typeof mobileUpdates, "tenantId" | "appointmentId">,
): Promise<Row<typeof mobileUpdates>> {
  return only(await tx.insert(mobileUpdates).values(mobileUpdateValues(input)).returning());
}

export function visitReportValues(
  input: FactoryInput<typeof visitReports, "tenantId" | "appointmentId" | "targetId" | "customerId">,
): Insert<typeof visitReports> {
  return { title: "Visit report", ...input };
}

/** A draft report unless `status` (and the matching timestamps) say otherwise. */
export async function createVisitReport(
  tx: Transaction,
  input: FactoryInput<typeof visitReports, "tenantId" | "appointmentId" | "targetId" | "customerId">,
): Promise<Row<typeof visitReports>> {
  return only(await tx.insert(visitReports).values(visitReportValues(input)).returning());
}

/** Attachment metadata only; no file is stored. The checksum defaults to a hash of the storage key. */
export function attachmentValues(
  input: FactoryInput<typeof attachments, "tenantId" | "customerId" | "ownerType" | "ownerId">,
): Insert<typeof attachments> {
  const storageKey = input.storageKey ?? `test/${randomUUID()}`;
  return {
    fileName: "photo.jpg",
    contentType: "image/jpeg",
    sizeBytes: 245_760,
    checksumSha256: createHash("sha256").update(storageKey).digest("hex"),
    ...input,
    storageKey,
  };
}

export async function createAttachment(
  tx: Transaction,
  input: FactoryInput<typeof attachments, "tenantId" | "customerId" | "ownerType" | "ownerId">,
): Promise<Row<typeof attachments>> {
  return only(await tx.insert(attachments).values(attachmentValues(input)).returning());
}

export function followUpValues(
  input: FactoryInput<typeof followUps, "tenantId" | "visitReportId" | "customerId">,
): Insert<typeof followUps> {
  return { details: "Follow-up visit needed", ...input };
}

export async function createFollowUp(
  tx: Transaction,
  input: FactoryInput<typeof followUps, "tenantId" | "visitReportId" | "customerId">,
): Promise<Row<typeof followUps>> {
  return only(await tx.insert(followUps).values(followUpValues(input)).returning());
}

export function billingTriggerValues(
  input: FactoryInput<typeof billingTriggers, "tenantId" | "visitReportId" | "customerId">,
): Insert<typeof billingTriggers> {
  return { ...input };
}

export async function createBillingTrigger(
  tx: Transaction,
  input: FactoryInput<typeof billingTriggers, "tenantId" | "visitReportId" | "customerId">,
): Promise<Row<typeof billingTriggers>> {
  return only(await tx.insert(billingTriggers).values(billingTriggerValues(input)).returning());
}

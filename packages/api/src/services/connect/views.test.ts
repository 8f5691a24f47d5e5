import { apiKeyScopes } from "@ordinavo/domain";
import { type FieldKind, fieldsFor, type IntegrationActor } from "@ordinavo/policy";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZConnectContact } from "../contact-sync";
import { ZConnectExternalReference } from "../external-references";
import {
  ZConnectAppointment,
  ZConnectCustomer,
  ZConnectLocation,
  ZConnectTarget,
  ZConnectVisitReport,
} from "./views";

// What Connect sends of each kind is the policy's integration field list, no more and no less:
// a field the policy withholds cannot be added to an output schema, and one it grants does not
// silently go missing.

const integration: IntegrationActor = {
  kind: "integration",
  apiKeyId: "key",
  tenantId: "tenant",
  scopes: [...apiKeyScopes],
  sourceSystem: null,
};

const views: { kind: FieldKind; view: z.ZodObject }[] = [
  { kind: "customer", view: ZConnectCustomer },
  { kind: "location", view: ZConnectLocation },
  { kind: "contact_person", view: ZConnectContact },
  { kind: "external_reference", view: ZConnectExternalReference },
  { kind: "target", view: ZConnectTarget },
  { kind: "appointment", view: ZConnectAppointment },
  { kind: "visit_report", view: ZConnectVisitReport },
];

describe("Connect output schemas", () => {
  it.each(views)("$kind: exactly the policy's integration fields", ({ kind, view }) => {
    const granted = fieldsFor(integration, kind);
    expect(granted).not.toBeNull();
    expect(Object.keys(view.shape).sort()).toEqual([...(granted ?? [])].sort());
  });

  it("withholds on-site notes, employees and billing", () => {
    expect(Object.keys(ZConnectLocation.shape)).not.toContain("accessNotes");
    expect(Object.keys(ZConnectAppointment.shape)).not.toContain("assignedEmployeeId");
    expect(Object.keys(ZConnectVisitReport.shape)).not.toContain("billingNote");
  });
});

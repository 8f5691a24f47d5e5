// Files of portal requests: what the customer sent is seen by everyone who sees the request, and
// only the contact who filed it adds to it, while it waits for review.
import type { PortalRequestStatus } from "@ordinavo/domain/vocabulary";
import { describe, expect, it } from "vitest";
import {
  type AttachmentFacts,
  canAddPortalRequestFile,
  canDownloadAttachment,
  canSeeAttachment,
  canUploadAttachment,
  type PortalRequestFileFacts,
} from "./objects";
import {
  closedGates,
  gatesWith,
  ids,
  locationGrant,
  openGates,
  portalUser,
  staff,
  wholeCustomerGrant,
} from "./test-support";

const gates = openGates;
const wholeCustomer = portalUser(wholeCustomerGrant);
const oneLocation = portalUser(locationGrant);
const siblingOnly = portalUser({ customerId: ids.customer, locationId: ids.siblingLocation });
const colleague = { ...oneLocation, portalUserId: "p-colleague" };

const requestFile = (change: Partial<AttachmentFacts> = {}): AttachmentFacts => ({
  tenantId: ids.tenant,
  customerId: ids.customer,
  locationId: ids.location,
  ownerType: "portal_request",
  assignedEmployeeIds: [],
  portalReleasedAt: null,
  ownerPublished: false,
  ...change,
});

const request = (change: Partial<PortalRequestFileFacts> = {}): PortalRequestFileFacts => ({
  tenantId: ids.tenant,
  customerId: ids.customer,
  locationId: ids.location,
  status: "submitted",
  portalUserId: ids.portalUser,
  ...change,
});

describe("files sent with a request", () => {
  it.each([
    ["the whole customer's contact", wholeCustomer, {}, true],
    ["a contact of the request's location", oneLocation, {}, true],
    ["a colleague at the same location", colleague, {}, true],
    ["a contact of another location only", siblingOnly, {}, false],
    ["the same location of another customer", oneLocation, { customerId: ids.otherCustomer }, false],
    ["another tenant's request", wholeCustomer, { tenantId: ids.otherTenant }, false],
  ] as const)("%s → sees and opens them: %s", (_, actor, change, expected) => {
    expect(canSeeAttachment(actor, requestFile(change), gates)).toBe(expected);
    expect(canDownloadAttachment(actor, requestFile(change), gates)).toBe(expected);
  });

  it("need no release and no report-download switch: they are the customer's own", () => {
    const off = gatesWith({ portalAttachmentDownloads: false });
    expect(canSeeAttachment(oneLocation, requestFile(), off)).toBe(true);
  });

  it("stay hidden when the portal is off", () => {
    expect(canSeeAttachment(wholeCustomer, requestFile(), closedGates)).toBe(false);
  });

  it("do not open other files: a target's file at a granted place stays internal", () => {
    expect(canSeeAttachment(wholeCustomer, requestFile({ ownerType: "target" }), gates)).toBe(false);
  });
});

describe("adding a file to a request", () => {
  it.each<[string, ReturnType<typeof portalUser>, Partial<PortalRequestFileFacts>, boolean]>([
    ["its sender, while submitted", oneLocation, {}, true],
    ["its sender with the whole customer", wholeCustomer, {}, true],
    ["a colleague who sees it", colleague, {}, false],
    ["its sender after losing the location", siblingOnly, {}, false],
    ["a request filed by no one known", oneLocation, { portalUserId: null }, false],
    ["another tenant's request", oneLocation, { tenantId: ids.otherTenant }, false],
  ])("%s → %s", (_, actor, change, expected) => {
    expect(canAddPortalRequestFile(actor, request(change), gates)).toBe(expected);
  });

  it.each<[PortalRequestStatus, boolean]>([
    ["submitted", true],
    ["in_review", false],
    ["accepted", false],
    ["declined", false],
    ["planned", false],
    ["completed", false],
  ])("status %s → %s", (status, expected) => {
    expect(canAddPortalRequestFile(oneLocation, request({ status }), gates)).toBe(expected);
  });

  it("is the portal's own: staff never add to a request, and the portal switch closes it", () => {
    expect(canAddPortalRequestFile(staff("tenant_admin"), request(), gates)).toBe(false);
    expect(
      canUploadAttachment(staff("tenant_admin"), { ...requestFile(), ownerType: "portal_request" }, gates),
    ).toBe(false);
    expect(canAddPortalRequestFile(oneLocation, request(), closedGates)).toBe(false);
  });
});

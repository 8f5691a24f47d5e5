import { portalLabels, statusLabel } from "@ordinavo/domain/labels";
import type { PortalRequestStatus, PortalRequestType, TimeWindow } from "@ordinavo/domain/vocabulary";

// Words and the status badge the portal-request pages share. Staff read the English of the
// domain's labels (the customer reads the portal's own words, in English or French).

export const requestTypeName = (type: PortalRequestType) => portalLabels.portal_request_type[type].en;
export const windowName = (window: TimeWindow) => portalLabels.time_window[window].en;

const tone: Record<PortalRequestStatus, string> = {
  submitted: "tag",
  in_review: "warn",
  accepted: "ok",
  planned: "ok",
  completed: "",
  declined: "danger",
};

export function PortalRequestBadge({ status }: { status: PortalRequestStatus }) {
  return <span className={`badge ${tone[status]}`}>{statusLabel("portal_request", status)}</span>;
}

import { statusLabel } from "@ordinavo/domain/labels";
import type { AppointmentStatus } from "@ordinavo/domain/vocabulary";

/** A visit's status as a pill; the colour repeats what the text says. */
export function StatusPill({ status }: { status: AppointmentStatus }) {
  return <span className={`exec-status exec-status-${status}`}>{statusLabel("appointment", status)}</span>;
}

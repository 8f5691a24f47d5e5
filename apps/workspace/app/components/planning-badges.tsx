import type { ReactNode } from "react";
import {
  appointmentTone,
  type PriorityName,
  priorityNames,
  priorityTone,
  type Tone,
  targetTone,
} from "~/lib/planning-display";

/** A status or priority pill; the colour repeats what the text says. */
export function PlanBadge({ tone, children, title }: { tone: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge plan-tone-${tone}`} title={title}>
      {children}
    </span>
  );
}

export function TargetStatusBadge({ status, label }: { status: string; label: string }) {
  return <PlanBadge tone={targetTone[status] ?? "neutral"}>{label}</PlanBadge>;
}

export function AppointmentStatusBadge({ status, label }: { status: string; label: string }) {
  return <PlanBadge tone={appointmentTone[status] ?? "neutral"}>{label}</PlanBadge>;
}

export function PriorityBadge({ priority }: { priority: string }) {
  const name = priorityNames[priority as PriorityName] ?? priority;
  return (
    <PlanBadge tone={priorityTone[priority] ?? "neutral"}>
      <span className="visually-hidden">Priority: </span>
      {name}
    </PlanBadge>
  );
}

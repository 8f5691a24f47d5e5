import type { WorkspaceRouter } from "@ordinavo/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

// The dispatch board's shapes: what the API sends (`BoardData`), and what the grid draws from it
// (`BoardAppointment`, `BoardRow`): wall-clock minutes in the workspace's time zone.

type Outputs = inferRouterOutputs<WorkspaceRouter>;
type Inputs = inferRouterInputs<WorkspaceRouter>;

/** `board.view` as the API answers it (Dates stay Dates: superjson in the browser, single fetch in loaders). */
export type BoardData = Outputs["board"]["view"];
export type BoardInput = { day: string; span: "day" | "week" };
export type RawAppointment = BoardData["appointments"][number];
export type BacklogItem = BoardData["backlog"][number];
export type RescheduleInput = Inputs["appointments"]["reschedule"];
export type CreateInput = Inputs["appointments"]["create"];

export interface BoardAppointment {
  id: string;
  targetId: string;
  targetTitle: string;
  customerName: string;
  locationName: string | null;
  city: string | null;
  employeeId: string | null;
  day: string;
  startMinute: number;
  endMinute: number;
  timeText: string;
  status: string;
  statusText: string;
  fixedTime: boolean;
  recurring: boolean;
  /** Shares time with another visit of the same person. */
  overlaps: boolean;
  /** The person looking may drag it or open its "Move…" form. */
  movable: boolean;
  /** A change to it is on its way to the server. */
  pending: boolean;
}

export interface BoardRow {
  /** null: the unassigned lane. */
  id: string | null;
  name: string;
  isMe?: boolean;
}

export type Dragged =
  | { kind: "appointment"; item: BoardAppointment; grabMinutes: number }
  | { kind: "target"; item: BacklogItem };

/** Where something was dropped; `minute` only in the day view, where the position is a time. */
export interface DropPlace {
  employeeId: string | null;
  day: string;
  minute: number | null;
}

/** A double booking the API refused to make without asking. */
export interface ConflictView {
  appointmentId: string;
  message: string;
}

import { useRef, useState } from "react";
import { dayText } from "~/lib/planning-display";
import { localSlot } from "~/lib/planning-time";
import { errorFields, errorMessage, trpc } from "~/lib/trpc";
import type { BacklogItem, BoardData, BoardInput, ConflictView, RawAppointment } from "./types";
import { useLiveBoard } from "./use-live-board";

// Changes made on the board in the browser: moves (drag and drop, the "Move…" form) and plans
// (dropping backlog work). Each shows at once (an optimistic update of the board's query data),
// goes to the API as a mutation, and is taken back if the API refuses it or asks about a double
// booking. A move can be undone from its notice.

/** Where the change was asked for: the board itself (drop) or the "Move…" panel. */
export type Origin = "drop" | "panel";

export type BoardOutcome =
  | { kind: "done"; serial: number; origin: Origin; message: string; undo: (() => void) | null }
  | {
      kind: "conflicts";
      serial: number;
      origin: Origin;
      intent: "move" | "plan";
      who: string | null;
      conflicts: ConflictView[];
      confirm: () => void;
    }
  | {
      kind: "error";
      serial: number;
      origin: Origin;
      label: string;
      message: string;
      fields: Record<string, string[]>;
    };

type Slot = Pick<RawAppointment, "plannedStart" | "plannedEnd" | "assignedEmployeeId">;

export interface MoveRequest extends Slot {
  appointmentId: string;
  /** The work's title, for the notice. */
  label: string;
  origin: Origin;
  /** Where it was before, for Undo (read from the board when left out). */
  previous?: Slot;
}

export interface PlanRequest extends Slot {
  target: BacklogItem;
}

const ghostId = (targetId: string) => `ghost:${targetId}`;

export function useBoardChanges({
  input,
  timeZone,
  rowName,
}: {
  input: BoardInput;
  timeZone: string;
  /** The name of a row's person, for notices ("… for Inès Faure"). */
  rowName: (employeeId: string | null) => string | undefined;
}) {
  const utils = trpc.useUtils();
  const reschedule = trpc.appointments.reschedule.useMutation();
  const create = trpc.appointments.create.useMutation();
  const [pendingIds, setPendingIds] = useState<ReadonlySet<string>>(new Set());
  const [outcome, setOutcome] = useState<BoardOutcome | null>(null);
  const serial = useRef(0);
  const next = () => ++serial.current;
  useLiveBoard(input, pendingIds.size > 0);

  const patch = (change: (board: BoardData) => BoardData) =>
    utils.board.view.setData(input, (board) => (board ? change(board) : board));
  const pending = (id: string, on: boolean) =>
    setPendingIds((ids) => {
      const copy = new Set(ids);
      if (on) copy.add(id);
      else copy.delete(id);
      return copy;
    });
  const placeText = (slot: Slot) => {
    const local = localSlot(slot.plannedStart, slot.plannedEnd, timeZone);
    const who = slot.assignedEmployeeId ? rowName(slot.assignedEmployeeId) : null;
    return `${dayText(local.day)}, ${local.start}${who ? ` for ${who}` : slot.assignedEmployeeId ? "" : ", not assigned"}`;
  };
  const setSlot = (id: string, slot: Slot) =>
    patch((board) => ({
      ...board,
      appointments: board.appointments.map((a) => (a.id === id ? { ...a, ...slot } : a)),
    }));

  /** Moves an appointment; resolves true when it was saved. */
  async function move(request: MoveRequest, allowConflicts = false, isUndo = false): Promise<boolean> {
    const id = request.appointmentId;
    await utils.board.view.cancel(input);
    const before = utils.board.view.getData(input)?.appointments.find((a) => a.id === id);
    const previous: Slot | undefined =
      request.previous ??
      (before && {
        plannedStart: before.plannedStart,
        plannedEnd: before.plannedEnd,
        assignedEmployeeId: before.assignedEmployeeId,
      });
    const slot: Slot = {
      plannedStart: request.plannedStart,
      plannedEnd: request.plannedEnd,
      assignedEmployeeId: request.assignedEmployeeId,
    };
    if (before) setSlot(id, slot);
    pending(id, true);
    const rollback = () => {
      if (before) setSlot(id, before);
    };
    try {
      const result = await reschedule.mutateAsync({ appointmentId: id, ...slot, allowConflicts });
      if (!result.appointment) {
        rollback();
        setOutcome({
          kind: "conflicts",
          serial: next(),
          origin: request.origin,
          intent: "move",
          who: rowName(slot.assignedEmployeeId) ?? null,
          conflicts: result.conflicts,
          confirm: () => void move(request, true, isUndo),
        });
        return false;
      }
      const double = result.conflicts.length ? " It overlaps with other work." : "";
      setOutcome({
        kind: "done",
        serial: next(),
        origin: request.origin,
        message: isUndo
          ? `“${request.label}” is back at ${placeText(slot)}.`
          : `“${request.label}” moved to ${placeText(slot)}.${double}`,
        // Moving back asks no questions: it was there before.
        undo:
          !isUndo && previous
            ? () => void move({ ...request, ...previous, origin: "drop", previous: slot }, true, true)
            : null,
      });
      return true;
    } catch (error) {
      rollback();
      setOutcome({
        kind: "error",
        serial: next(),
        origin: request.origin,
        label: request.label,
        message: errorMessage(error),
        fields: errorFields(error),
      });
      return false;
    } finally {
      pending(id, false);
      void utils.board.view.invalidate(input);
    }
  }

  /** Plans backlog work into an appointment; resolves true when it was saved. */
  async function plan(request: PlanRequest, allowConflicts = false): Promise<boolean> {
    const { target } = request;
    const slot: Slot = {
      plannedStart: request.plannedStart,
      plannedEnd: request.plannedEnd,
      assignedEmployeeId: request.assignedEmployeeId,
    };
    await utils.board.view.cancel(input);
    const ghost: RawAppointment = {
      id: ghostId(target.id),
      targetId: target.id,
      targetTitle: target.title,
      customerName: target.customerName,
      locationName: target.locationName,
      city: null,
      ...slot,
      status: "scheduled",
      fixedTime: false,
      recurring: false,
      overlaps: false,
    };
    const index = utils.board.view.getData(input)?.backlog.findIndex((t) => t.id === target.id) ?? -1;
    patch((board) => ({
      ...board,
      appointments: [...board.appointments, ghost],
      backlog: board.backlog.filter((t) => t.id !== target.id),
    }));
    const rollback = () =>
      patch((board) => {
        const backlog = board.backlog.filter((t) => t.id !== target.id);
        backlog.splice(index < 0 ? backlog.length : index, 0, target);
        return { ...board, appointments: board.appointments.filter((a) => a.id !== ghost.id), backlog };
      });
    try {
      const result = await create.mutateAsync({
        targetId: target.id,
        ...slot,
        fixedTime: false,
        allowConflicts,
      });
      if (!result.appointment) {
        rollback();
        setOutcome({
          kind: "conflicts",
          serial: next(),
          origin: "drop",
          intent: "plan",
          who: rowName(slot.assignedEmployeeId) ?? null,
          conflicts: result.conflicts,
          confirm: () => void plan(request, true),
        });
        return false;
      }
      const double = result.conflicts.length ? " It overlaps with other work." : "";
      setOutcome({
        kind: "done",
        serial: next(),
        origin: "drop",
        message: `“${target.title}” planned for ${placeText(slot)}.${double}`,
        undo: null,
      });
      return true;
    } catch (error) {
      rollback();
      setOutcome({
        kind: "error",
        serial: next(),
        origin: "drop",
        label: target.title,
        message: errorMessage(error),
        fields: errorFields(error),
      });
      return false;
    } finally {
      await utils.board.view.invalidate(input);
    }
  }

  return { move, plan, outcome, dismiss: () => setOutcome(null), pendingIds };
}

import { type DragEvent, useState } from "react";
import { snap } from "~/lib/planning-display";
import type { Dragged, DropPlace } from "./types";
import type { BoardDrag } from "./use-board-drag";

/** The day view's time axis: the first and last minute shown. */
export interface TimeAxis {
  from: number;
  to: number;
}

/**
 * Drop handling for the board's cells: which cell is under the pointer, and what a drop there
 * means (a person and a day, and in the day view a time from the pointer's position, less where
 * the card was grabbed, on a quarter hour).
 */
export function useDropTargets({
  enabled,
  drag,
  axis,
  onDrop,
}: {
  enabled: boolean;
  drag: BoardDrag;
  /** Only in the day view. */
  axis: TimeAxis | null;
  onDrop: (dragged: Dragged, place: DropPlace) => void;
}) {
  const [over, setOver] = useState<string | null>(null);

  const end = () => {
    drag.end();
    setOver(null);
  };

  const handlers = (key: string, employeeId: string | null, day: string) =>
    enabled
      ? {
          onDragOver: (event: DragEvent<HTMLElement>) => {
            if (!drag.current.current) return;
            event.preventDefault();
            event.dataTransfer.dropEffect = "move";
            if (over !== key) setOver(key);
          },
          onDragLeave: (event: DragEvent<HTMLElement>) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
              setOver((current) => (current === key ? null : current));
            }
          },
          onDrop: (event: DragEvent<HTMLElement>) => {
            event.preventDefault();
            const item = drag.current.current;
            end();
            if (!item) return;
            let minute: number | null = null;
            if (axis) {
              const box = event.currentTarget.getBoundingClientRect();
              const length = axis.to - axis.from;
              const at = axis.from + ((event.clientX - box.left) / box.width) * length;
              const grab = item.kind === "appointment" ? item.grabMinutes : 0;
              const size =
                item.kind === "appointment"
                  ? item.item.endMinute - item.item.startMinute
                  : item.item.workMinutes;
              minute = Math.min(Math.max(snap(at - grab, 15), 0), 24 * 60 - Math.min(size, 24 * 60));
            }
            onDrop(item, { employeeId, day, minute });
          },
        }
      : {};

  return { over, handlers, end };
}

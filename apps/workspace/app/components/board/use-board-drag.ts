import { type MutableRefObject, useCallback, useRef, useState } from "react";
import type { Dragged } from "./types";

/** What is being dragged, shared by the grid and the backlog beside it. */
export interface BoardDrag {
  current: MutableRefObject<Dragged | null>;
  active: boolean;
  begin: (dragged: Dragged) => void;
  end: () => void;
}

export function useBoardDrag(): BoardDrag {
  const current = useRef<Dragged | null>(null);
  const [active, setActive] = useState(false);
  const begin = useCallback((dragged: Dragged) => {
    current.current = dragged;
    setActive(true);
  }, []);
  const end = useCallback(() => {
    current.current = null;
    setActive(false);
  }, []);
  return { current, active, begin, end };
}

import { useEffect } from "react";
import { trpc } from "~/lib/trpc";
import type { BoardInput } from "./types";

// The board shows field work as it happens (on the way, on site, in progress, done, could not
// complete): its query is fetched again every so often while the page is in view, and when the
// window gets focus back (the page's query option). Not while a change of the dispatcher's own is
// on its way: its optimistic picture must not be replaced by an older answer.

/** How often the board asks again while it is visible. */
export const LIVE_REFRESH_MS = 25_000;

export function useLiveBoard(input: BoardInput, paused: boolean) {
  const utils = trpc.useUtils();
  useEffect(() => {
    if (paused) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== "visible" || !navigator.onLine) return;
      void utils.board.view.invalidate(input);
    }, LIVE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [utils, input, paused]);
}

import type { WorkspaceRouter } from "@ordinavo/api";
import { useLocation } from "@remix-run/react";
import { keepPreviousData } from "@tanstack/react-query";
import type { inferRouterInputs } from "@trpc/server";
import { useEffect, useState } from "react";
import { errorFields, errorMessage, trpc } from "~/lib/trpc";

// Search-as-you-type on the customer list. The page is a plain GET form that the server renders
// (and that keeps working without JavaScript); with JavaScript, typing asks the customers.list
// procedure directly — no navigation, no other loader — and keeps `?q=` in the address so a
// reload, a shared link or Back shows the same list.

type ListInput = Omit<inferRouterInputs<WorkspaceRouter>["customers"]["list"], "q" | "after">;

interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

export interface LiveSearch<Item> {
  /** What is in the search box. */
  text: string;
  setText: (text: string) => void;
  /** The search text of the list shown, and the list: the server's, or the latest typed one. */
  q: string;
  page: Page<Item>;
  /** The shown list came from typing (the first page of it), not from the address. */
  live: boolean;
  busy: boolean;
  /** Why the typed search was refused (a field message), if it was. */
  error: string | null;
}

/**
 * Keeps the list in step with the search box. `served` is the loader's page for `servedQ`;
 * `hrefFor(q)` is the list's address for another search text (first page, other filters kept).
 */
export function useCustomerSearch<Item>({
  servedQ,
  served,
  input,
  hrefFor,
  delay = 250,
}: {
  servedQ: string;
  served: Page<Item>;
  input: ListInput;
  hrefFor: (q: string) => string;
  delay?: number;
}): LiveSearch<Item> {
  const [text, setText] = useState(servedQ);
  // What is asked for: the text once it has rested for `delay` ms.
  const [wanted, setWanted] = useState(servedQ);
  useEffect(() => {
    const timer = setTimeout(() => setWanted(text.trim()), delay);
    return () => clearTimeout(timer);
  }, [text, delay]);

  // The list shown while typing: the latest answer that belongs to a typed text; until the first
  // one arrives the server's list stays.
  const [latest, setLatest] = useState<{ q: string; page: Page<Item> } | null>(null);
  // A new answer from the server (a submitted form, a link such as Reset, Back) starts over.
  useEffect(() => {
    setText(servedQ);
    setWanted(servedQ);
    setLatest(null);
  }, [served, servedQ]);

  const live = wanted !== servedQ;
  const query = trpc.customers.list.useQuery(
    { ...input, q: wanted || undefined },
    { enabled: live, placeholderData: keepPreviousData },
  );
  useEffect(() => {
    if (live && query.data && !query.isPlaceholderData)
      setLatest({ q: wanted, page: query.data as unknown as Page<Item> });
  }, [live, wanted, query.data, query.isPlaceholderData]);

  // The address follows the list shown, without a navigation (the router's own state is kept);
  // back at the server's list, it is the router's address again.
  const location = useLocation();
  const shownLive = live && latest !== null;
  const href = shownLive ? hrefFor(latest.q) : location.pathname + location.search;
  useEffect(() => {
    const here = window.location.pathname + window.location.search;
    if (here !== href) window.history.replaceState(window.history.state, "", href);
  }, [href]);

  const error = live && query.error ? (errorFields(query.error).q?.[0] ?? errorMessage(query.error)) : null;
  return {
    text,
    setText,
    q: shownLive ? latest.q : servedQ,
    page: shownLive ? latest.page : served,
    live: shownLive,
    busy: live && (query.isFetching || latest?.q !== wanted) && !error,
    error,
  };
}

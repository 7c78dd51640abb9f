"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { AdminUser, AdminUserPage } from "@/lib/admin/schemas";
import { callApi } from "@/lib/web/call-api";
import { USERS_PAGE_SIZE } from "./page-size";

/** A page seen this recently is shown again without asking the server (TanStack Query's staleTime). */
const FRESH_MS = 10_000;

/** A page with the phones written for people; the formatter (and its metadata) loads with the first search or page turn. */
async function fetchUsers({ query, cursor }: { query: string; cursor?: string }): Promise<AdminUserPage> {
  const [page, { withFormattedPhones }] = await Promise.all([
    callApi((api) =>
      api.GET("/api/v1/admin/users", { params: { query: { limit: USERS_PAGE_SIZE, ...(query ? { query } : {}), ...(cursor ? { cursor } : {}) } } }),
    ),
    import("@/lib/phone/format-phone"),
  ]);
  return { ...page, items: withFormattedPhones(page.items) };
}

interface Entry {
  page?: AdminUserPage;
  error?: Error;
  /** When `page` arrived. */
  at: number;
  fetching: boolean;
}

interface View {
  query: string;
  /** A stack of cursors, one for each page turned, so that "Previous" can go back. */
  cursors: (string | undefined)[];
  /** The page shown while the asked one loads. */
  placeholder?: AdminUserPage;
}

const keyOf = (query: string, cursor: string | undefined) => JSON.stringify([query, cursor ?? null]);

/**
 * The users table's pages by search and cursor, without TanStack Query (kept out of /admin's first-load
 * JavaScript): the first page as the server rendered it, every other page fetched and kept; while a page loads
 * the one before stays on screen (`isPlaceholder`), a page seen more than ten seconds ago is shown and asked
 * for again, and so is the current one when the tab comes back into view.
 */
export function useUserPages(initialPage: AdminUserPage) {
  const [entries, setEntries] = useState<Record<string, Entry>>(() => ({ [keyOf("", undefined)]: { page: initialPage, at: Date.now(), fetching: false } }));
  const [view, setView] = useState<View>({ query: "", cursors: [undefined] });
  const latest = useRef(entries);
  useEffect(() => {
    latest.current = entries;
  });

  const cursor = view.cursors.at(-1);
  const key = keyOf(view.query, cursor);
  const entry = entries[key];

  const load = useCallback((query: string, cursor: string | undefined, onlyIfStale: boolean) => {
    const key = keyOf(query, cursor);
    const known = latest.current[key];
    if (known?.fetching || (onlyIfStale && known?.page && Date.now() - known.at < FRESH_MS)) return;
    // Marked at once, so that a second call in the same tick does not ask twice.
    latest.current = { ...latest.current, [key]: { at: 0, ...known, fetching: true } };
    setEntries((all) => ({ ...all, [key]: { at: 0, ...all[key], fetching: true } }));
    fetchUsers({ query, cursor }).then(
      (page) => setEntries((all) => ({ ...all, [key]: { page, at: Date.now(), fetching: false } })),
      // A page already shown stays, with the error beside it.
      (error: unknown) =>
        setEntries((all) => ({ ...all, [key]: { at: 0, ...all[key], fetching: false, error: error instanceof Error ? error : new Error(String(error)) } })),
    );
  }, []);

  useEffect(() => {
    load(view.query, cursor, true);
    const onVisible = () => {
      if (document.visibilityState === "visible") load(view.query, cursor, true);
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [load, view.query, cursor]);

  const isPlaceholder = !entry?.page && !entry?.error && view.placeholder !== undefined;
  const page = entry?.page ?? (entry?.error ? undefined : view.placeholder);
  const go = (query: string, cursors: (string | undefined)[]) => setView({ query, cursors, placeholder: page });

  return {
    query: view.query,
    page,
    pageNumber: view.cursors.length,
    error: entry?.error,
    /** A request for the shown page is out (the first one, or again). */
    isFetching: !entry || entry.fetching,
    isPlaceholder,
    hasPrevious: view.cursors.length > 1,
    search: (query: string) => go(query, [undefined]),
    previous: () => go(view.query, view.cursors.slice(0, -1)),
    next: () => {
      if (page?.nextCursor) go(view.query, [...view.cursors, page.nextCursor]);
    },
    /** Changes one user on every page kept; answers a function that puts those pages back as they were. */
    replaceUser: (id: string, change: (user: AdminUser) => AdminUser): (() => void) => {
      const before = latest.current;
      const changed = (page: AdminUserPage | undefined) => page && { ...page, items: page.items.map((item) => (item.id === id ? change(item) : item)) };
      setEntries((all) => Object.fromEntries(Object.entries(all).map(([key, entry]) => [key, { ...entry, page: changed(entry.page) }])));
      setView((view) => ({ ...view, placeholder: changed(view.placeholder) }));
      return () =>
        setEntries((all) => Object.fromEntries(Object.entries(all).map(([key, entry]) => [key, { ...entry, page: before[key]?.page ?? entry.page }])));
    },
  };
}

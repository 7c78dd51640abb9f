"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { InviteePage } from "@/lib/invites/schemas";
import { callApi } from "@/lib/web/call-api";
import { INVITEES_PAGE_SIZE } from "@/lib/web/invitees-page-size";
import { problemMessage } from "@/lib/web/problem-message";
import { InviteeItems } from "./invitee-items";

/** The invited users page by page through GET /api/v1/profile/invitees, starting after the first page. */
export function InviteePages({ first }: { first: InviteePage }) {
  const invitees = useInfiniteQuery({
    queryKey: ["invitees", first.nextCursor],
    queryFn: ({ pageParam }) =>
      callApi((api) => api.GET("/api/v1/profile/invitees", { params: { query: { limit: INVITEES_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [first], pageParams: [null] },
    staleTime: Infinity,
  });
  const { fetchNextPage } = invitees;
  // Mounted by the first "Show more": fetch that page at once.
  useEffect(() => {
    void fetchNextPage();
  }, [fetchNextPage]);

  return (
    <>
      <ul className="invitees" aria-label="Invited users" aria-describedby="invited-users-count">
        <InviteeItems items={invitees.data.pages.flatMap((page) => page.items)} />
      </ul>
      {invitees.error && (
        <p className="error" role="alert">
          {problemMessage(invitees.error)}
        </p>
      )}
      {(invitees.hasNextPage || invitees.isFetchingNextPage) && (
        <button type="button" className="secondary" disabled={invitees.isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {invitees.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      )}
    </>
  );
}

"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import type { InviteePage } from "@/lib/invites/schemas";
import { apiFetch } from "@/lib/web/api-fetch";
import { INVITEES_PAGE_SIZE } from "@/lib/web/invitees-page-size";
import { problemMessage } from "@/lib/web/problem-message";
import { LocalTime } from "./local-time";

export function InvitedUsers({ initial }: { initial?: InviteePage }) {
  const invitees = useInfiniteQuery({
    queryKey: ["invitees"],
    queryFn: ({ pageParam }) =>
      apiFetch<InviteePage>(`/api/v1/profile/invitees?limit=${INVITEES_PAGE_SIZE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initial ? { pages: [initial], pageParams: [null] } : undefined,
  });
  const pages = invitees.data?.pages ?? [];
  const total = pages.at(-1)?.total ?? 0;
  const items = pages.flatMap((page) => page.items);

  return (
    <section aria-labelledby="invited-users-heading">
      <h2 id="invited-users-heading">Invited users</h2>
      {invitees.isPending ? (
        <p aria-busy="true">Loading…</p>
      ) : (
        <p id="invited-users-count">
          {total === 0
            ? "Nobody has activated your invite code yet. Share your link!"
            : `${total} ${total === 1 ? "person has" : "people have"} activated your invite code.`}
        </p>
      )}
      {items.length > 0 && (
        <ul className="invitees" aria-label="Invited users" aria-describedby="invited-users-count">
          {items.map((item) => (
            <li key={`${item.phone}-${item.activatedAt}`}>
              <span>{item.phone}</span> <LocalTime iso={item.activatedAt} />
            </li>
          ))}
        </ul>
      )}
      {invitees.error && (
        <p className="error" role="alert">
          {problemMessage(invitees.error)}
        </p>
      )}
      {invitees.hasNextPage && (
        <button type="button" className="secondary" disabled={invitees.isFetchingNextPage} onClick={() => void invitees.fetchNextPage()}>
          {invitees.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      )}
    </section>
  );
}

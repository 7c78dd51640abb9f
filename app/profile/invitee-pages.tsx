"use client";

import { useProblemMessage } from "@/lib/web/use-problem-message";
import { QueryProvider } from "@/app/query-provider";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import type { InviteePage } from "@/lib/invites/schemas";
import { withFormattedPhones } from "@/lib/phone/format-phone";
import { callApi } from "@/lib/web/call-api";
import { INVITEES_PAGE_SIZE } from "@/lib/web/invitees-page-size";
import { InviteeItems } from "./invitee-items";

/** The invited users page by page through GET /api/v1/profile/invitees, starting after the first page. */
function InviteePagesContent({ first }: { first: InviteePage }) {
  const t = useTranslations("Profile");
  const problemMessage = useProblemMessage();
  const invitees = useInfiniteQuery({
    queryKey: ["invitees", first.nextCursor],
    queryFn: async ({ pageParam }) => {
      const page = await callApi((api) => api.GET("/api/v1/profile/invitees", { params: { query: { limit: INVITEES_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } }));
      return { ...page, items: withFormattedPhones(page.items) };
    },
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
      <ul className="invitees" aria-label={t("invitedUsers")} aria-describedby="invited-users-count">
        <InviteeItems items={invitees.data.pages.flatMap((page) => page.items)} />
      </ul>
      {invitees.error && (
        <p className="error" role="alert">
          {problemMessage(invitees.error)}
        </p>
      )}
      {(invitees.hasNextPage || invitees.isFetchingNextPage) && (
        <button type="button" className="secondary" disabled={invitees.isFetchingNextPage} onClick={() => void fetchNextPage()}>
          {invitees.isFetchingNextPage ? t("loading") : t("showMore")}
        </button>
      )}
    </>
  );
}

/** With its own TanStack Query client: loaded with this component, not with the page. */
export function InviteePages(props: { first: InviteePage }) {
  return (
    <QueryProvider>
      <InviteePagesContent {...props} />
    </QueryProvider>
  );
}

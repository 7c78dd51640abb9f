"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useState } from "react";
import type { InviteePage } from "@/lib/invites/schemas";
import { InviteeItems } from "./invitee-items";

// Paging (TanStack Query's infinite query) is loaded on the first "Show more", not with the page.
const InviteePages = lazy(() => import("./invitee-pages").then((module) => ({ default: module.InviteePages })));

/** The first page as rendered on the server; "Show more" swaps in the paging list. */
export function InvitedUsersList({ first }: { first: InviteePage }) {
  const t = useTranslations("Profile");
  const [paging, setPaging] = useState(false);
  const list = (
    <ul className="invitees" aria-label={t("invitedUsers")} aria-describedby="invited-users-count">
      <InviteeItems items={first.items} />
    </ul>
  );
  if (paging) {
    const loading = (
      <>
        {list}
        <button type="button" className="secondary" disabled>
          {t("loading")}
        </button>
      </>
    );
    return (
      <Suspense fallback={loading}>
        <InviteePages first={first} />
      </Suspense>
    );
  }
  return (
    <>
      {list}
      {first.nextCursor && (
        <button type="button" className="secondary" onClick={() => setPaging(true)}>
          {t("showMore")}
        </button>
      )}
    </>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense } from "react";
import { SignOutButton } from "./sign-out-button";

// The list and its buttons use TanStack Query: loaded after the page, not with it.
const SessionsList = lazy(() => import("./sessions-list").then((module) => ({ default: module.SessionsList })));

/** The account's live sessions (each sign-in on a device), with a way to end one or all the others. */
export function SessionsSection() {
  const t = useTranslations("Sessions");
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("heading")}</h2>
      <p className="hint">{t("hint")}</p>
      <Suspense fallback={<p>{t("loading")}</p>}>
        <SessionsList />
      </Suspense>
      <div className="actions">
        <SignOutButton />
      </div>
    </section>
  );
}

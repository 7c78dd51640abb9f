"use client";
/* eslint-disable @next/next/no-html-link-for-pages -- plain links, as in the layout: next/link would add its prefetching to the first-load JavaScript */

import { useTranslations } from "next-intl";

/** A page that failed to render: said plainly, with a retry and a way home (the details are in the server log). */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("ErrorPages");
  return (
    <main id="main" className="card status-page">
      <h1>{t("errorHeading")}</h1>
      <p>{t("errorText")}</p>
      <p className="actions">
        <button type="button" onClick={reset}>
          {t("tryAgain")}
        </button>
        <a href="/">{t("home")}</a>
      </p>
    </main>
  );
}

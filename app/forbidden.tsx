/* eslint-disable @next/next/no-html-link-for-pages -- plain links, as in the layout: next/link would add its prefetching to the first-load JavaScript */
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ErrorPages"))("forbiddenTitle") };
}

/** Rendered by forbidden() with HTTP 403: a signed-in person on a page that is not for them. */
export default async function Forbidden() {
  const t = await getTranslations("ErrorPages");
  return (
    <main id="main" className="card status-page">
      <p className="status-code">403</p>
      <h1>{t("forbiddenHeading")}</h1>
      <p>{t("forbiddenText")}</p>
      <p className="actions">
        <a className="button" href="/profile">
          {t("profile")}
        </a>
        <a href="/">{t("home")}</a>
      </p>
    </main>
  );
}

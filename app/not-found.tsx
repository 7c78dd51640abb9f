/* eslint-disable @next/next/no-html-link-for-pages -- plain links, as in the layout: next/link would add its prefetching to the first-load JavaScript */
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ErrorPages"))("notFoundTitle") };
}

/** Every unknown page (HTTP 404), in the page's language, with a way home. */
export default async function NotFound() {
  const t = await getTranslations("ErrorPages");
  return (
    <main id="main" className="card status-page">
      <p className="status-code">404</p>
      <h1>{t("notFoundHeading")}</h1>
      <p>{t("notFoundText")}</p>
      <p className="actions">
        <a className="button" href="/">
          {t("home")}
        </a>
      </p>
    </main>
  );
}

import { getTranslations } from "next-intl/server";
import { getPageSession } from "@/lib/sessions/get-page-session";

export default async function HomePage() {
  const session = await getPageSession();
  const signedIn = session.state !== "signed-out";
  const t = await getTranslations("Home");
  return (
    <main id="main">
      <h1>{t("heading")}</h1>
      <p>{t("intro")}</p>
      <p className="actions">
        <a className="button" href={signedIn ? "/profile" : "/login"}>
          {signedIn ? t("openProfile") : t("signIn")}
        </a>
      </p>
      <h2>{t("developers")}</h2>
      <p>
        {t.rich("developersText", {
          code: (chunks) => <code>{chunks}</code>,
          redoc: (chunks) => <a href="/redoc">{chunks}</a>,
        })}
      </p>
      <p>
        <a href="/redoc">{t("apiDocs")}</a> (<a href="/api/openapi.json">{t("openapi")}</a>)
      </p>
    </main>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/config/env";
import { isPhoneCountry } from "@/lib/phone/phone-countries";
import { getPageSession } from "@/lib/web/get-page-session";
import { normalizeRefCode } from "@/lib/web/normalize-ref-code";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const refCode = normalizeRefCode((await searchParams).ref);
  const session = await getPageSession();
  if (session.state === "signed-in") redirect(refCode ? `/profile?ref=${refCode}` : "/profile");
  const t = await getTranslations("Login");
  const region = env().DEFAULT_PHONE_REGION;
  return (
    <main id="main" className="narrow">
      <div className="card">
        <h1>{t("heading")}</h1>
        {refCode && <p className="notice">{t.rich("invited", { code: refCode, strong: (chunks) => <strong>{chunks}</strong> })}</p>}
        <p className="hint">{t("hint")}</p>
        <LoginForm refCode={refCode} defaultCountry={isPhoneCountry(region) ? region : "RU"} />
      </div>
    </main>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { env } from "@/lib/config/env";
import { isPhoneCountry } from "@/lib/phone/phone-countries";
import { getPageSession } from "@/lib/sessions/get-page-session";
import { isLoginReason } from "@/lib/web/login-reason";
import { sameOriginPath } from "@/lib/web/same-origin-path";
import { normalizeRefCode } from "@/lib/web/normalize-ref-code";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Login"))("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const refCode = normalizeRefCode(params.ref);
  const next = sameOriginPath(typeof params.next === "string" ? params.next : undefined);
  const reason = isLoginReason(params.reason) ? params.reason : undefined;
  const session = await getPageSession();
  if (session.state === "signed-in") redirect(refCode ? `/profile?ref=${refCode}` : (next ?? "/profile"));
  const t = await getTranslations("Login");
  const region = env().DEFAULT_PHONE_REGION;
  return (
    <main id="main" className="narrow">
      <div className="card">
        <h1>{t("heading")}</h1>
        {reason && (
          <p className={reason === "account-blocked" ? "notice error-notice" : "notice"} role="status">
            {t(`reason.${reason}`)}
          </p>
        )}
        {refCode && <p className="notice">{t.rich("invited", { code: refCode, strong: (chunks) => <strong>{chunks}</strong> })}</p>}
        <p className="hint">{t("hint")}</p>
        <LoginForm refCode={refCode} next={next} codeLength={env().OTP_LENGTH} defaultCountry={isPhoneCountry(region) ? region : "RU"} />
      </div>
    </main>
  );
}

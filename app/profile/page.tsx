import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { env } from "@/lib/config/env";
import { withFormattedPhones } from "@/lib/phone/format-phone";
import { getProfile } from "@/lib/users/get-profile";
import { getPageSession } from "@/lib/sessions/get-page-session";
import { INVITEES_PAGE_SIZE } from "@/lib/web/invitees-page-size";
import { normalizeRefCode } from "@/lib/web/normalize-ref-code";
import { ProfileView } from "./profile-view";
import { ResumeSession } from "@/lib/web/resume-session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Profile"))("title") };
}

function one(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export default async function ProfilePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const session = await getPageSession();
  if (session.state === "signed-out") redirect("/login");
  const t = await getTranslations("Profile");
  if (session.state === "resumable") {
    return (
      <main id="main">
        <h1>{t("heading")}</h1>
        <ResumeSession reloadHref="/profile" busyText={t("loadingProfile")} />
      </main>
    );
  }
  const db = await getDb();
  // One read of the first invitee page, sized for the page (the API's profile carries more).
  const profile = await getProfile({ db, user: session.user, inviteesLimit: INVITEES_PAGE_SIZE });
  return (
    <main id="main">
      <h1>{t("heading")}</h1>
      <ProfileView
        profile={profile}
        invitees={{ ...profile.invitees, items: withFormattedPhones(profile.invitees.items) }}
        link={{ code: normalizeRefCode(params.ref), activated: params.activated === "1", errorCode: one(params.refError) }}
        publicOrigin={env().PUBLIC_URL}
      />
    </main>
  );
}

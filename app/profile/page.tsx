import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { getProfile } from "@/lib/users/get-profile";
import { getPageSession } from "@/lib/sessions/get-page-session";
import { INVITEES_PAGE_SIZE } from "@/lib/web/invitees-page-size";
import { normalizeRefCode } from "@/lib/web/normalize-ref-code";
import { ResumeSession } from "@/lib/web/resume-session";
import { ProfileView } from "./profile-view";

export const metadata: Metadata = { title: "Your profile" };

function one(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export default async function ProfilePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const session = await getPageSession();
  if (session.state === "signed-out") redirect("/login");
  if (session.state === "resumable") {
    return (
      <main id="main">
        <h1>Your profile</h1>
        <ResumeSession reloadHref="/profile" busyText="Loading your profile…" />
      </main>
    );
  }
  const db = await getDb();
  // One read of the first invitee page, sized for the page (the API's profile carries more).
  const profile = await getProfile({ db, user: session.user, inviteesLimit: INVITEES_PAGE_SIZE });
  return (
    <main id="main">
      <h1>Your profile</h1>
      <ProfileView
        profile={profile}
        invitees={profile.invitees}
        link={{ code: normalizeRefCode(params.ref), activated: params.activated === "1", errorCode: one(params.refError) }}
      />
    </main>
  );
}

import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { getAdminStats } from "@/lib/admin/get-admin-stats";
import { listUsers } from "@/lib/admin/list-users";
import { formatPhone, withFormattedPhones } from "@/lib/phone/format-phone";
import { getPageSession } from "@/lib/sessions/get-page-session";
import { loginPath } from "@/lib/web/login-reason";
import { ResumeSession } from "@/lib/web/resume-session";
import styles from "./admin.module.css";
import { LazyWebhooksSection } from "./lazy-webhooks-section";
import { SignupsChart } from "./signups-chart";
import { USERS_PAGE_SIZE } from "./page-size";
import { UsersTable } from "./users-table";
import { listWebhookEndpoints } from "@/lib/webhooks/webhook-endpoints";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Admin"))("title") };
}

// Every request is about who is signed in and today's numbers.
export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const session = await getPageSession();
  if (session.state === "signed-out") redirect(loginPath(undefined, "/admin"));
  if (session.state === "resumable") {
    const t = await getTranslations("Admin");
    return (
      <main className={styles.page}>
        <h1>{t("heading")}</h1>
        <ResumeSession reloadHref="/admin" busyText={t("checkingSession")} />
      </main>
    );
  }
  // HTTP 403 with app/forbidden.tsx, not a 200 page that says 403.
  if (!session.user.isAdmin) forbidden();

  const db = await getDb();
  const [stats, firstPage, format, t, webhooksText, webhooks] = await Promise.all([
    getAdminStats({ db }),
    listUsers({ db, limit: USERS_PAGE_SIZE }),
    getFormatter(),
    getTranslations("Admin"),
    getTranslations("Webhooks"),
    listWebhookEndpoints({ db }),
  ]);
  const lastThirtyDays = stats.signupsPerDay.reduce((sum, day) => sum + day.count, 0);
  const cards = [
    { label: t("users"), value: stats.users },
    { label: t("activations"), value: stats.activations },
    { label: t("signupsMonth"), value: lastThirtyDays },
    { label: t("signupsToday"), value: stats.signupsPerDay.at(-1)?.count ?? 0 },
  ];

  return (
    <main className={styles.page}>
      <p className={styles.nav}>
        <a href="/profile">{t("profile")}</a>
      </p>
      <h1>{t("heading")}</h1>

      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading">{t("statistics")}</h2>
        <dl className={styles.cards}>
          {cards.map((card) => (
            <div key={card.label} className={styles.card}>
              <dt>{card.label}</dt>
              <dd>{format.number(card.value, "integer")}</dd>
            </div>
          ))}
        </dl>
        <h3>{t("signupsPerDay")}</h3>
        <SignupsChart days={stats.signupsPerDay} />
        <h3>{t("topReferrers")}</h3>
        {stats.topReferrers.length === 0 ? (
          <p>{t("noReferrers")}</p>
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t("colPhone")}</th>
                <th scope="col">{t("colInviteCode")}</th>
                <th scope="col">{t("colInvitees")}</th>
              </tr>
            </thead>
            <tbody>
              {stats.topReferrers.map((row) => (
                <tr key={row.inviteCode}>
                  <td>{formatPhone(row.phone)}</td>
                  <td>
                    <code>{row.inviteCode}</code>
                  </td>
                  <td>{format.number(row.invitees, "integer")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="users-heading">
        <h2 id="users-heading">{t("users")}</h2>
        <UsersTable initialPage={{ ...firstPage, items: withFormattedPhones(firstPage.items) }} currentUserId={session.user.id} />
      </section>

      <section aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">{webhooksText("heading")}</h2>
        <p>{webhooksText("intro")}</p>
        <LazyWebhooksSection initialEndpoints={webhooks.items} />
      </section>
    </main>
  );
}

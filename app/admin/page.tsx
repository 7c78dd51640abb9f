import type { Metadata } from "next";
import { getDb } from "@/db";
import { getAdminStats } from "@/lib/admin/get-admin-stats";
import { listUsers } from "@/lib/admin/list-users";
import { redirect } from "next/navigation";
import { getPageSession } from "@/lib/sessions/get-page-session";
import { ResumeSession } from "@/lib/web/resume-session";
import { AdminProviders } from "./admin-providers";
import styles from "./admin.module.css";
import { SignupsChart } from "./signups-chart";
import { USERS_PAGE_SIZE } from "./page-size";
import { UsersTable } from "./users-table";

export const metadata: Metadata = { title: "Administration" };

// Every request is about who is signed in and today's numbers.
export const dynamic = "force-dynamic";

export default async function AdminPage() {
  const session = await getPageSession();
  if (session.state === "signed-out") redirect("/login");
  if (session.state === "resumable") {
    return (
      <main className={styles.page}>
        <h1>Administration</h1>
        <ResumeSession reloadHref="/admin" busyText="Checking your session…" />
      </main>
    );
  }
  if (!session.user.isAdmin) {
    return (
      <main className={styles.page}>
        <h1>Administration</h1>
        <p role="alert">403 — this page is for administrators only.</p>
        <p>
          <a href="/profile">Back to your profile</a>
        </p>
      </main>
    );
  }

  const db = await getDb();
  const [stats, firstPage] = await Promise.all([getAdminStats({ db }), listUsers({ db, limit: USERS_PAGE_SIZE })]);
  const lastThirtyDays = stats.signupsPerDay.reduce((sum, day) => sum + day.count, 0);
  const cards = [
    { label: "Users", value: stats.users },
    { label: "Activations", value: stats.activations },
    { label: "Sign-ups, last 30 days", value: lastThirtyDays },
    { label: "Sign-ups today", value: stats.signupsPerDay.at(-1)?.count ?? 0 },
  ];

  return (
    <main className={styles.page}>
      <p className={styles.nav}>
        <a href="/profile">Profile</a>
      </p>
      <h1>Administration</h1>

      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading">Statistics</h2>
        <dl className={styles.cards}>
          {cards.map((card) => (
            <div key={card.label} className={styles.card}>
              <dt>{card.label}</dt>
              <dd>{card.value.toLocaleString("en")}</dd>
            </div>
          ))}
        </dl>
        <h3>Sign-ups per day</h3>
        <SignupsChart days={stats.signupsPerDay} />
        <h3>Top referrers</h3>
        {stats.topReferrers.length === 0 ? (
          <p>Nobody has activated an invite code yet.</p>
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">Phone</th>
                <th scope="col">Invite code</th>
                <th scope="col">Invitees</th>
              </tr>
            </thead>
            <tbody>
              {stats.topReferrers.map((row) => (
                <tr key={row.inviteCode}>
                  <td>{row.phone}</td>
                  <td>
                    <code>{row.inviteCode}</code>
                  </td>
                  <td>{row.invitees}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        <AdminProviders>
          <UsersTable initialPage={firstPage} currentUserId={session.user.id} />
        </AdminProviders>
      </section>
    </main>
  );
}

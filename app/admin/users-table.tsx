"use client";

import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import type { AdminUser, AdminUserPage } from "@/lib/admin/schemas";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { callApi } from "@/lib/web/call-api";
import { useProblemMessage } from "@/lib/web/use-problem-message";
import { DateTime } from "../date-time";
import styles from "./admin.module.css";
import { ConfirmDialog } from "./confirm-dialog";
import { useUserPages } from "./use-user-pages";

type Changes = { isAdmin?: boolean; isBlocked?: boolean };

function updateUser({ id, changes }: { id: string; changes: Changes }): Promise<AdminUser> {
  return callApi((api) => api.PATCH("/api/v1/admin/users/{id}", { params: { path: { id } }, body: changes }));
}

/**
 * The users: search (phone, invite code, name or e-mail), cursor pages (a stack of cursors for "Previous"),
 * the administrator toggle, and blocking after a confirmation. A table on wide screens, one card per user on a
 * phone (admin.module.css). No TanStack Query here: the table is the first thing on /admin that runs.
 */
export function UsersTable({ initialPage, currentUserId }: { initialPage: AdminUserPage; currentUserId: string }) {
  const t = useTranslations("Admin");
  const format = useFormatter();
  const users = useUserPages(initialPage);
  const [draft, setDraft] = useState("");
  const [confirming, setConfirming] = useState<AdminUser | undefined>();
  const [announcement, setAnnouncement] = useState("");
  // Every change is sent at once; a user stays busy until the answer about them arrives.
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const [updateError, setUpdateError] = useState<Error | undefined>();

  // Optimistic: the checkbox follows the click at once and goes back if the server refuses.
  function save(id: string, changes: Changes) {
    setUpdateError(undefined);
    setSaving((ids) => new Set(ids).add(id));
    const undo = users.replaceUser(id, (user) => ({ ...user, ...changes }));
    void updateUser({ id, changes })
      .then(
        (user) => {
          // The answer has the phone in E.164; keep the one written for people.
          users.replaceUser(user.id, (shown) => ({ ...user, phone: shown.phone }));
          const who = displayName(user) ?? user.phone;
          if (changes.isBlocked !== undefined) setAnnouncement(t(changes.isBlocked ? "blockedNotice" : "unblockedNotice", { who }));
          if (changes.isAdmin !== undefined) setAnnouncement(t(changes.isAdmin ? "adminGrantedNotice" : "adminRevokedNotice", { who }));
        },
        (error: unknown) => {
          undo();
          setUpdateError(error instanceof Error ? error : new Error(String(error)));
        },
      )
      .finally(() =>
        setSaving((ids) => {
          const rest = new Set(ids);
          rest.delete(id);
          return rest;
        }),
      );
  }

  function change(user: AdminUser, changes: Changes) {
    // Blocking ends every session of that person at once: asked first. Unblocking and the admin toggle are not.
    if (changes.isBlocked === true) setConfirming(user);
    else save(user.id, changes);
  }

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    users.search(draft.trim());
  }

  const { page, pageNumber, query } = users;
  const searching = users.isFetching && (users.isPlaceholder || !page);
  const summary = page
    ? query
      ? t("matching", { count: page.total, total: format.number(page.total, "integer"), query })
      : t("userCount", { count: page.total, total: format.number(page.total, "integer") })
    : t("loading");
  return (
    <div>
      <form role="search" onSubmit={search} className={styles.search} aria-busy={searching}>
        <label htmlFor="user-search">{t("searchLabel")}</label>
        <input
          id="user-search"
          type="search"
          value={draft}
          maxLength={64}
          placeholder={t("searchPlaceholder")}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" disabled={searching}>
          {searching ? t("searching") : t("search")}
        </button>
      </form>

      {users.error ? <Failure what={t("loadFailed")} error={users.error} /> : null}
      {updateError ? <Failure what={t("updateFailed")} error={updateError} /> : null}

      <p role="status" aria-live="polite">
        {searching ? t("searchingFor", { query }) : summary}
        {!searching && page && page.total > 0 ? ` · ${t("page", { number: pageNumber })}` : ""}
      </p>
      <p className={styles.visuallyHidden} aria-live="polite">
        {announcement}
      </p>

      {confirming && (
        <ConfirmDialog
          question={t("blockQuestion", { who: nameAndPhone(confirming) })}
          explanation={t("blockExplanation")}
          confirmLabel={t("blockConfirm")}
          cancelLabel={t("cancel")}
          onConfirm={() => {
            save(confirming.id, { isBlocked: true });
            setConfirming(undefined);
          }}
          onCancel={() => setConfirming(undefined)}
        />
      )}

      <table className={`${styles.table} ${styles.users}`} aria-busy={users.isFetching}>
        <thead>
          <tr>
            <th scope="col">{t("colUser")}</th>
            <th scope="col">{t("colInviteCode")}</th>
            <th scope="col">{t("colActivatedCode")}</th>
            <th scope="col">{t("colInvitees")}</th>
            <th scope="col">{t("colSignedUp")}</th>
            <th scope="col">{t("colAdmin")}</th>
            <th scope="col">{t("colBlocked")}</th>
          </tr>
        </thead>
        <tbody>
          {page?.items.map((user) => (
            <UserRow
              key={user.id}
              user={user}
              isSelf={user.id === currentUserId}
              busy={saving.has(user.id) || confirming?.id === user.id}
              onChange={(changes) => change(user, changes)}
            />
          ))}
        </tbody>
      </table>
      {page && page.items.length === 0 && <p>{query ? t("noMatches", { query }) : t("noUsers")}</p>}

      <nav aria-label={t("pagesLabel")} className={styles.pager}>
        <button type="button" disabled={!users.hasPrevious} onClick={users.previous}>
          {t("previous")}
        </button>
        <button type="button" disabled={!page?.nextCursor || users.isPlaceholder} onClick={users.next}>
          {t("next")}
        </button>
      </nav>
    </div>
  );
}

/** First and last name, when the person set either. */
function displayName(user: AdminUser): string | undefined {
  return [user.firstName, user.lastName].filter(Boolean).join(" ") || undefined;
}

/** "Name (phone)", or the phone alone. */
function nameAndPhone(user: AdminUser): string {
  const name = displayName(user);
  return name ? `${name} (${user.phone})` : user.phone;
}

function Failure({ what, error }: { what: string; error: Error }) {
  const t = useTranslations("Admin");
  const problemMessage = useProblemMessage();
  const signedOut = error instanceof ApiProblem && error.sessionEnded;
  return (
    <p role="alert">
      {what} {problemMessage(error)}
      {signedOut ? (
        <>
          {" "}
          <a href="/login">{t("signInAgain")}</a>
        </>
      ) : null}
    </p>
  );
}

function UserRow({ user, isSelf, busy, onChange }: { user: AdminUser; isSelf: boolean; busy: boolean; onChange: (changes: Changes) => void }) {
  const t = useTranslations("Admin");
  const selfNote = t("selfNote");
  const name = displayName(user);
  return (
    <tr className={user.isBlocked ? styles.blocked : undefined}>
      <td data-label={t("colUser")} className={styles.who}>
        {name && <span className={styles.name}>{name}</span>}
        <span className={styles.phone}>
          {user.phone}
          {isSelf ? ` ${t("you")}` : ""}
        </span>
        {user.email && <span className={styles.email}>{user.email}</span>}
      </td>
      <td data-label={t("colInviteCode")}>
        <code>{user.inviteCode}</code>
      </td>
      <td data-label={t("colActivatedCode")}>{user.activatedInviteCode ? <code>{user.activatedInviteCode}</code> : "—"}</td>
      <td data-label={t("colInvitees")}>{user.inviteesCount}</td>
      <td data-label={t("colSignedUp")}>
        <DateTime iso={user.createdAt} />
      </td>
      <td data-label={t("colAdmin")}>
        <input
          type="checkbox"
          aria-label={t("adminOf", { who: user.phone })}
          title={isSelf ? selfNote : undefined}
          checked={user.isAdmin}
          disabled={busy || isSelf}
          onChange={(event) => onChange({ isAdmin: event.target.checked })}
        />
      </td>
      <td data-label={t("colBlocked")}>
        <input
          type="checkbox"
          aria-label={t("blockedOf", { who: user.phone })}
          title={isSelf ? selfNote : undefined}
          checked={user.isBlocked}
          disabled={busy || isSelf}
          onChange={(event) => onChange({ isBlocked: event.target.checked })}
        />
      </td>
    </tr>
  );
}

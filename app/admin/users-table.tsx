"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { AdminUser, AdminUserPage } from "@/lib/admin/schemas";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { callApi } from "@/lib/web/call-api";
import { problemMessage } from "@/lib/web/problem-message";
import styles from "./admin.module.css";
import { USERS_PAGE_SIZE } from "./page-size";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function fetchUsers({ query, cursor, limit }: { query: string; cursor?: string; limit: number }): Promise<AdminUserPage> {
  return callApi((api) => api.GET("/api/v1/admin/users", { params: { query: { limit, ...(query ? { query } : {}), ...(cursor ? { cursor } : {}) } } }));
}

function updateUser({ id, changes }: { id: string; changes: { isAdmin?: boolean; isBlocked?: boolean } }): Promise<AdminUser> {
  return callApi((api) => api.PATCH("/api/v1/admin/users/{id}", { params: { path: { id } }, body: changes }));
}

/** The users table: search, cursor pages (a stack of cursors for "Previous"), block and admin toggles. */
export function UsersTable({ initialPage, currentUserId }: { initialPage: AdminUserPage; currentUserId: string }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState("");
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);

  const users = useQuery({
    queryKey: ["admin-users", query, cursor ?? null],
    queryFn: () => fetchUsers({ query, cursor, limit: USERS_PAGE_SIZE }),
    initialData: query === "" && cursor === undefined ? initialPage : undefined,
    placeholderData: keepPreviousData,
  });

  // Optimistic: the checkbox follows the click at once and goes back if the server refuses.
  const update = useMutation({
    mutationFn: updateUser,
    onMutate: ({ id, changes }) => {
      const previous = queryClient.getQueriesData<AdminUserPage>({ queryKey: ["admin-users"] });
      replaceUser(id, (user) => ({ ...user, ...changes }));
      return { previous };
    },
    onError: (_error, _variables, context) => {
      for (const [key, data] of context?.previous ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (user) => replaceUser(user.id, () => user),
  });

  function replaceUser(id: string, change: (user: AdminUser) => AdminUser) {
    queryClient.setQueriesData<AdminUserPage>({ queryKey: ["admin-users"] }, (page) =>
      page ? { ...page, items: page.items.map((item) => (item.id === id ? change(item) : item)) } : page,
    );
  }

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQuery(draft.trim());
    setCursors([undefined]);
  }

  const page = users.data;
  const pageNumber = cursors.length;
  return (
    <div>
      <form role="search" onSubmit={search} className={styles.search}>
        <label htmlFor="user-search">Search users</label>
        <input
          id="user-search"
          type="search"
          value={draft}
          maxLength={64}
          placeholder="Phone digits or invite code"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit">Search</button>
      </form>

      {users.error ? <Failure what="load users" error={users.error} /> : null}
      {update.error ? <Failure what="update the user" error={update.error} /> : null}

      <p role="status" aria-live="polite">
        {page ? `${page.total.toLocaleString("en")} ${page.total === 1 ? "user" : "users"}${query ? ` matching “${query}”` : ""}` : "Loading…"}
        {page && page.total > 0 ? ` · page ${pageNumber}` : ""}
      </p>

      <div className={styles.scroll}>
        <table className={styles.table} aria-busy={users.isFetching}>
          <thead>
            <tr>
              <th scope="col">Phone</th>
              <th scope="col">Invite code</th>
              <th scope="col">Activated code</th>
              <th scope="col">Invitees</th>
              <th scope="col">Signed up (UTC)</th>
              <th scope="col">Admin</th>
              <th scope="col">Blocked</th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isSelf={user.id === currentUserId}
                busy={update.isPending && update.variables?.id === user.id}
                onChange={(changes) => update.mutate({ id: user.id, changes })}
              />
            ))}
          </tbody>
        </table>
      </div>

      <nav aria-label="Users pages" className={styles.pager}>
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
          Previous page
        </button>
        <button
          type="button"
          disabled={!page?.nextCursor || users.isPlaceholderData}
          onClick={() => page?.nextCursor && setCursors((stack) => [...stack, page.nextCursor ?? undefined])}
        >
          Next page
        </button>
      </nav>
    </div>
  );
}

function Failure({ what, error }: { what: string; error: Error }) {
  const signedOut = error instanceof ApiProblem && error.sessionEnded;
  return (
    <p role="alert">
      Could not {what}: {problemMessage(error)}
      {signedOut ? (
        <>
          {" "}
          <a href="/login">Sign in again</a>
        </>
      ) : null}
    </p>
  );
}

function UserRow({
  user,
  isSelf,
  busy,
  onChange,
}: {
  user: AdminUser;
  isSelf: boolean;
  busy: boolean;
  onChange: (changes: { isAdmin?: boolean; isBlocked?: boolean }) => void;
}) {
  const selfNote = "You cannot demote or block yourself";
  return (
    <tr className={user.isBlocked ? styles.blocked : undefined}>
      <td>
        {user.phone}
        {isSelf ? " (you)" : ""}
      </td>
      <td>
        <code>{user.inviteCode}</code>
      </td>
      <td>{user.activatedInviteCode ? <code>{user.activatedInviteCode}</code> : "—"}</td>
      <td>{user.inviteesCount}</td>
      <td>{dateFormat.format(new Date(user.createdAt))}</td>
      <td>
        <input
          type="checkbox"
          aria-label={`Administrator: ${user.phone}`}
          title={isSelf ? selfNote : undefined}
          checked={user.isAdmin}
          disabled={busy || isSelf}
          onChange={(event) => onChange({ isAdmin: event.target.checked })}
        />
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`Blocked: ${user.phone}`}
          title={isSelf ? selfNote : undefined}
          checked={user.isBlocked}
          disabled={busy || isSelf}
          onChange={(event) => onChange({ isBlocked: event.target.checked })}
        />
      </td>
    </tr>
  );
}

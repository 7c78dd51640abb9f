"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { SessionInfo } from "@/lib/sessions/schemas";
import { callApi } from "@/lib/web/call-api";
import { problemMessage } from "@/lib/web/problem-message";
import { LocalTime } from "./local-time";
import { SignOutButton } from "./sign-out-button";

const SESSIONS = ["profile", "sessions"] as const;

function deviceName(session: SessionInfo): string {
  return session.userAgent?.trim() || "Unknown browser or app";
}

/** The account's live sessions (each sign-in on a device), with a way to end one or all the others. */
export function SessionsSection() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: SESSIONS, queryFn: () => callApi((api) => api.GET("/api/v1/profile/sessions")) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: SESSIONS });
  const endOthers = useMutation({ mutationFn: () => callApi((api) => api.DELETE("/api/v1/profile/sessions")), onSettled: refresh });
  const endOne = useMutation({
    mutationFn: (id: string) => callApi((api) => api.DELETE("/api/v1/profile/sessions/{id}", { params: { path: { id } } })),
    onSettled: refresh,
  });
  const items = sessions.data?.items ?? [];
  const others = items.filter((session) => !session.current).length;
  const error = sessions.error ?? endOthers.error ?? endOne.error;

  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <p className="hint">Every device or app signed in to this account. End the ones you do not recognise.</p>
      {sessions.isPending && <p>Loading sessions…</p>}
      {sessions.data && (
        <ul className="sessions" aria-label="Sessions">
          {items.map((session) => (
            <li key={session.id}>
              <strong>{deviceName(session)}</strong>
              {session.current && <> (this device)</>}
              <br />
              <span className="hint">
                {session.ip ?? "Unknown network"} · signed in <LocalTime iso={session.createdAt} /> · last used <LocalTime iso={session.lastUsedAt} />
              </span>
              {!session.current && (
                <>
                  {" "}
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`End the session of ${deviceName(session)}`}
                    disabled={endOne.isPending}
                    onClick={() => endOne.mutate(session.id)}
                  >
                    End
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="error" role="alert">
          {problemMessage(error)}
        </p>
      )}
      {endOthers.isSuccess && !endOthers.isPending && (
        <p className="notice" role="status">
          Every other device is signed out.
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" disabled={!sessions.data || others === 0 || endOthers.isPending} onClick={() => endOthers.mutate()}>
          {endOthers.isPending ? "Signing out…" : "Sign out other devices"}
        </button>
        <SignOutButton />
      </div>
    </section>
  );
}

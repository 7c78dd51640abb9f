"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { QueryProvider } from "@/app/query-provider";
import type { SessionInfo } from "@/lib/sessions/schemas";
import { callApi } from "@/lib/web/call-api";
import { useProblemMessage } from "@/lib/web/use-problem-message";
import { DateTime } from "../date-time";

const SESSIONS = ["profile", "sessions"] as const;

function Sessions() {
  const t = useTranslations("Sessions");
  const problemMessage = useProblemMessage();
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
  const deviceName = (session: SessionInfo) => session.userAgent?.trim() || t("unknownDevice");

  return (
    <>
      {sessions.isPending && <p>{t("loading")}</p>}
      {sessions.data && (
        <ul className="sessions" aria-label={t("heading")}>
          {items.map((session) => (
            <li key={session.id}>
              <strong>{deviceName(session)}</strong>
              {session.current && <> ({t("thisDevice")})</>}
              <br />
              <span className="hint">
                {t.rich("details", {
                  network: session.ip ?? t("unknownNetwork"),
                  created: () => <DateTime iso={session.createdAt} />,
                  used: () => <DateTime iso={session.lastUsedAt} />,
                })}
              </span>
              {!session.current && (
                <>
                  {" "}
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t("endOneLabel", { device: deviceName(session) })}
                    disabled={endOne.isPending}
                    onClick={() => endOne.mutate(session.id)}
                  >
                    {t("endOne")}
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
          {t("othersEnded")}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" disabled={!sessions.data || others === 0 || endOthers.isPending} onClick={() => endOthers.mutate()}>
          {endOthers.isPending ? t("endingOthers") : t("endOthers")}
        </button>
      </div>
    </>
  );
}

/** The sessions and their buttons, with TanStack Query (loaded lazily by SessionsSection). */
export function SessionsList() {
  return (
    <QueryProvider>
      <Sessions />
    </QueryProvider>
  );
}

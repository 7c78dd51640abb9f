"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { useProblemMessage } from "@/lib/web/use-problem-message";
import { callApi } from "./call-api";
import { sessionEndedPath } from "./login-reason";

/**
 * Rendered by a page (profile, admin) when the access cookie has expired but a refresh cookie is left: one
 * authenticated call refreshes the session (one refresh at a time across tabs, see sessionRefresh), then the
 * page renders again on the server with the new cookie. A session that cannot be refreshed goes to /login,
 * which says so and returns here.
 */
export function ResumeSession({ reloadHref, busyText }: { reloadHref: string; busyText: string }) {
  const router = useRouter();
  const t = useTranslations("Profile");
  const problemMessage = useProblemMessage();
  const [error, setError] = useState<string>();
  useEffect(() => {
    callApi((api) => api.GET("/api/v1/profile")).then(
      () => router.refresh(),
      (problem: unknown) => {
        if (problem instanceof ApiProblem && (problem.sessionEnded || problem.code === "account_blocked")) {
          window.location.replace(sessionEndedPath(problem.code, reloadHref));
        } else setError(problemMessage(problem));
      },
    );
  }, [router, reloadHref, problemMessage]);
  if (error) {
    return (
      <p className="error" role="alert">
        {error} <a href={reloadHref}>{t("reload")}</a>
      </p>
    );
  }
  return <p aria-busy="true">{busyText}</p>;
}

"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { apiFetch } from "@/lib/web/api-fetch";
import { ApiProblem } from "@/lib/web/api-problem";
import { sessionEndedPath } from "@/lib/web/login-reason";
import { problemMessage } from "@/lib/web/problem-message";

/**
 * Rendered when the access cookie has expired but a refresh cookie is left: one authenticated call refreshes
 * the session (one refresh at a time across tabs, see withSessionRefresh), then the page renders again on
 * the server with the new cookie.
 */
export function ResumeSession() {
  const router = useRouter();
  const t = useTranslations("Profile");
  const [error, setError] = useState<string>();
  useEffect(() => {
    apiFetch("/api/v1/profile").then(
      () => router.refresh(),
      (problem: unknown) => {
        if (problem instanceof ApiProblem && problem.status === 401) window.location.replace(sessionEndedPath(problem.code, "/profile"));
        else setError(problemMessage(problem));
      },
    );
  }, [router]);
  if (error) {
    return (
      <p className="error" role="alert">
        {error} <a href="/profile">{t("reload")}</a>
      </p>
    );
  }
  return <p aria-busy="true">{t("loadingProfile")}</p>;
}

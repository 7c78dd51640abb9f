"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { callApi } from "./call-api";
import { problemMessage } from "./problem-message";

/**
 * Rendered by a page (profile, admin) when the access cookie has expired but a refresh cookie is left: one
 * authenticated call refreshes the session (one refresh at a time across tabs, see sessionRefresh), then the
 * page renders again on the server with the new cookie.
 */
export function ResumeSession({ reloadHref, busyText }: { reloadHref: string; busyText: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  useEffect(() => {
    callApi((api) => api.GET("/api/v1/profile")).then(
      () => router.refresh(),
      (problem: unknown) => {
        if (problem instanceof ApiProblem && problem.status === 401) router.replace("/login");
        else setError(problemMessage(problem));
      },
    );
  }, [router]);
  if (error) {
    return (
      <p className="error" role="alert">
        {error} <a href={reloadHref}>Reload</a>
      </p>
    );
  }
  return <p aria-busy="true">{busyText}</p>;
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { apiFetch } from "@/lib/web/api-fetch";
import { ApiProblem } from "@/lib/web/api-problem";

/**
 * Rendered when the access cookie has expired but a refresh cookie is left: one authenticated call refreshes
 * the session (one refresh at a time across tabs, see refreshAccessToken), then the page renders again on
 * the server with the new cookie.
 */
export function ResumeSession() {
  const router = useRouter();
  useEffect(() => {
    apiFetch("/api/v1/profile").then(
      () => router.refresh(),
      (error: unknown) => router.replace(error instanceof ApiProblem && error.status !== 401 ? "/login?resume=failed" : "/login"),
    );
  }, [router]);
  return <p aria-busy="true">Loading your profile…</p>;
}

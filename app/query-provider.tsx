"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { sessionEndedPath } from "@/lib/web/login-reason";

/**
 * TanStack Query for the parts of a page that list or cache (invitee pages, editors, the simulated SMS). Only
 * lazily loaded components render it, so that the library stays out of the pages' first-load JavaScript; a
 * session that cannot be refreshed sends the page to /login.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => {
    const leaveIfSessionEnded = (error: unknown) => {
      if (error instanceof ApiProblem && (error.sessionEnded || error.code === "account_blocked") && window.location.pathname !== "/login") window.location.assign(sessionEndedPath(error.code, window.location.pathname + window.location.search));
    };
    return new QueryClient({
      queryCache: new QueryCache({ onError: leaveIfSessionEnded }),
      mutationCache: new MutationCache({ onError: leaveIfSessionEnded }),
      defaultOptions: {
        queries: {
          staleTime: 30_000,
          retry: (failures, error) => !(error instanceof ApiProblem && error.status > 0) && failures < 2,
        },
      },
    });
  });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

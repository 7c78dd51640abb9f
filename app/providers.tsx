"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type ReactNode, useState } from "react";
import { ApiProblem } from "@/lib/api-client/api-problem";

/** TanStack Query for the client components; a session that cannot be refreshed sends the page to /login. */
export function Providers({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [client] = useState(() => {
    const leaveIfSessionEnded = (error: unknown) => {
      if (error instanceof ApiProblem && error.sessionEnded) router.replace("/login");
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

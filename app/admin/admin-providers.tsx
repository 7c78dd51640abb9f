"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

/** The webhooks section's own query client (none exists at the root; the users table needs none). */
export function AdminProviders({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: false } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense } from "react";
import type { WebhookEndpointView } from "@/lib/webhooks/schemas";

// The section and its TanStack Query client load after the page: it sits below the users, and the server renders
// it into the page's HTML all the same, so nothing moves when it arrives.
const WebhooksSection = lazy(() => import("./webhooks-section").then((module) => ({ default: module.WebhooksSection })));

/** Webhook endpoints and their deliveries, loaded apart from /admin's first-load JavaScript. */
export function LazyWebhooksSection({ initialEndpoints }: { initialEndpoints: WebhookEndpointView[] }) {
  const t = useTranslations("Admin");
  return (
    <Suspense fallback={<p>{t("loading")}</p>}>
      <WebhooksSection initialEndpoints={initialEndpoints} />
    </Suspense>
  );
}

"use client";

import { QueryProvider } from "@/app/query-provider";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { callApi } from "@/lib/web/call-api";

/**
 * With SMS_PROVIDER=simulated no SMS leaves the server: this box shows the message the phone would have got.
 * Otherwise the outbox answers 404 and nothing is shown.
 */
function SimulatedSmsContent({ phone, sentCount }: { phone: string; sentCount: number }) {
  const t = useTranslations("SimulatedSms");
  const sms = useQuery({
    queryKey: ["simulated-sms", phone, sentCount],
    queryFn: () => callApi((api) => api.GET("/api/v1/dev/sms", { params: { query: { phone } } })),
    retry: false,
    refetchInterval: (query) => (query.state.error || query.state.data?.messages.length ? false : 1000),
  });
  const message = sms.data?.messages[0];
  if (!message) return null;
  return (
    <section className="sms-box" aria-labelledby="sms-heading">
      <h2 id="sms-heading">{t("heading")}</h2>
      <p className="hint">{t("hint")}</p>
      <p className="sms-text">{message.text}</p>
    </section>
  );
}

/** With its own TanStack Query client: loaded with this component, not with the page. */
export function SimulatedSms(props: { phone: string; sentCount: number }) {
  return (
    <QueryProvider>
      <SimulatedSmsContent {...props} />
    </QueryProvider>
  );
}

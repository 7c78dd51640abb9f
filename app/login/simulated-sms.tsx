"use client";

import { useQuery } from "@tanstack/react-query";
import { callApi } from "@/lib/web/call-api";

/**
 * With SMS_PROVIDER=simulated no SMS leaves the server: this box shows the message the phone would have got.
 * Otherwise the outbox answers 404 and nothing is shown.
 */
export function SimulatedSms({ phone, sentCount }: { phone: string; sentCount: number }) {
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
      <h2 id="sms-heading">Simulated SMS</h2>
      <p className="hint">Test mode: no real SMS was sent. This is the message the phone would have received.</p>
      <p className="sms-text">{message.text}</p>
    </section>
  );
}

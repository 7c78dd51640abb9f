"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { WebhookDeliveryView, WebhookEndpointView } from "@/lib/webhooks/schemas";
import { DateTime } from "../date-time";
import styles from "./admin.module.css";
import { useProblemMessage } from "@/lib/web/use-problem-message";
import { fetchWebhookDeliveries, retryWebhookDelivery } from "./webhooks-api";

/** Pending deliveries change by themselves: look again this often while the list is open. */
const REFRESH_MS = 2000;

/** One endpoint's deliveries, newest first, with each one's last answer and a retry button. */
export function WebhookDeliveries({ endpoint }: { endpoint: WebhookEndpointView }) {
  const t = useTranslations("Webhooks");
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const deliveries = useQuery({
    queryKey: ["admin-webhook-deliveries", endpoint.id, cursor ?? null],
    queryFn: () => fetchWebhookDeliveries({ id: endpoint.id, cursor }),
    refetchInterval: REFRESH_MS,
  });
  const retry = useMutation({
    mutationFn: retryWebhookDelivery,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin-webhook-deliveries", endpoint.id] }),
  });
  const page = deliveries.data;

  return (
    <section aria-labelledby="deliveries-heading">
      <h3 id="deliveries-heading">{t("deliveriesHeading", { url: endpoint.url })}</h3>
      {deliveries.error ? <p role="alert">{problemMessage(deliveries.error)}</p> : null}
      {retry.error ? <p role="alert">{problemMessage(retry.error)}</p> : null}
      {page && page.items.length === 0 ? <p>{t("noDeliveries")}</p> : null}
      {page && page.items.length > 0 ? (
        <div className={styles.scroll}>
          <table className={styles.table} aria-label={t("deliveries")}>
            <thead>
              <tr>
                <th scope="col">{t("colEvent")}</th>
                <th scope="col">{t("colStatus")}</th>
                <th scope="col">{t("colAttempts")}</th>
                <th scope="col">{t("colLastAnswer")}</th>
                <th scope="col">{t("colNextAttempt")}</th>
                <th scope="col">{t("colCreated")}</th>
                <th scope="col">{t("colRetry")}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{delivery.eventType}</td>
                  <td>{t(`status.${delivery.status}`)}</td>
                  <td>{delivery.attempts}</td>
                  <td className={styles.wrap}>
                    <LastAnswer delivery={delivery} />
                  </td>
                  <td>{delivery.nextAttemptAt ? <DateTime iso={delivery.nextAttemptAt} /> : "—"}</td>
                  <td>
                    <DateTime iso={delivery.createdAt} />
                  </td>
                  <td>
                    <button
                      type="button"
                      disabled={!endpoint.enabled || retry.isPending}
                      onClick={() => retry.mutate({ id: endpoint.id, deliveryId: delivery.id })}
                    >
                      {t("retry")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav aria-label={t("pagesLabel")} className={styles.pager}>
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
          {t("newer")}
        </button>
        <button type="button" disabled={!page?.nextCursor} onClick={() => page?.nextCursor && setCursors((stack) => [...stack, page.nextCursor ?? undefined])}>
          {t("older")}
        </button>
      </nav>
    </section>
  );
}

function LastAnswer({ delivery }: { delivery: WebhookDeliveryView }) {
  if (delivery.attempts === 0) return <>—</>;
  const parts = [delivery.lastStatusCode ? `HTTP ${delivery.lastStatusCode}` : null, delivery.lastError && !delivery.lastError.startsWith("HTTP ") ? delivery.lastError : null];
  return (
    <>
      {parts.filter(Boolean).join(" · ") || "—"}
      {delivery.lastResponse ? <div className={styles.note}>{delivery.lastResponse.slice(0, 200)}</div> : null}
    </>
  );
}

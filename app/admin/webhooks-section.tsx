"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState, useSyncExternalStore } from "react";
import { disabledReasonKind } from "@/lib/webhooks/disabled-reason";
import { type WebhookEventType, webhookEventTypes } from "@/lib/webhooks/event-types";
import type { WebhookEndpointView } from "@/lib/webhooks/schemas";
import { DateTime } from "../date-time";
import { AdminProviders } from "./admin-providers";
import styles from "./admin.module.css";
import { ConfirmDialog } from "./confirm-dialog";
import { WebhookDeliveries } from "./webhook-deliveries";
import { useProblemMessage } from "@/lib/web/use-problem-message";
import { createWebhook, deleteWebhook, fetchWebhooks, rotateWebhookSecret, sendWebhookTest, updateWebhook } from "./webhooks-api";

const subscribable = webhookEventTypes.filter((type) => type !== "webhook.test");
const queryKey = ["admin-webhooks"];
const subscribe = () => () => {};

/**
 * Webhook endpoints: add one (its secret shown once), see them with why any is disabled, open their deliveries,
 * delete one after a confirmation. Loaded lazily (lazy-webhooks-section.tsx), with its own query client.
 */
export function WebhooksSection({ initialEndpoints }: { initialEndpoints: WebhookEndpointView[] }) {
  return (
    <AdminProviders>
      <WebhookEndpoints initialEndpoints={initialEndpoints} />
    </AdminProviders>
  );
}

function WebhookEndpoints({ initialEndpoints }: { initialEndpoints: WebhookEndpointView[] }) {
  const t = useTranslations("Webhooks");
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const endpoints = useQuery({ queryKey, queryFn: fetchWebhooks, initialData: { items: initialEndpoints } });
  const [secret, setSecret] = useState<{ url: string; secret: string } | undefined>();
  const [open, setOpen] = useState<string | undefined>();
  const [deleting, setDeleting] = useState<WebhookEndpointView | undefined>();
  const refresh = () => queryClient.invalidateQueries({ queryKey });

  const create = useMutation({
    mutationFn: createWebhook,
    onSuccess: (endpoint) => {
      setSecret({ url: endpoint.url, secret: endpoint.secret });
      setOpen(endpoint.id);
      return refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: rotateWebhookSecret,
    onSuccess: (endpoint) => setSecret({ url: endpoint.url, secret: endpoint.secret }),
  });
  const toggle = useMutation({ mutationFn: updateWebhook, onSuccess: refresh });
  const remove = useMutation({ mutationFn: deleteWebhook, onSuccess: refresh });
  const test = useMutation({
    mutationFn: sendWebhookTest,
    onSuccess: (_result, id) => queryClient.invalidateQueries({ queryKey: ["admin-webhook-deliveries", id] }),
  });
  const error = endpoints.error ?? create.error ?? rotate.error ?? toggle.error ?? remove.error ?? test.error;
  // The server renders the section into the page, but its code comes after the page's: until it has hydrated,
  // what was typed would not reach React's state and a click on "Add endpoint" would reload the page. The
  // controls are disabled until then (false on the server and while hydrating, true after).
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);

  return (
    <fieldset className={styles.plain} disabled={!hydrated}>
      <AddEndpointForm busy={create.isPending} onAdd={(input) => create.mutate(input)} />
      {error ? <p role="alert">{problemMessage(error)}</p> : null}
      {secret ? (
        <div role="status" className={styles.secret}>
          <p>{t("secretNotice", { url: secret.url })}</p>
          <code aria-label={t("secretLabel")}>{secret.secret}</code>{" "}
          <button type="button" onClick={() => setSecret(undefined)}>
            {t("secretCopied")}
          </button>
        </div>
      ) : null}
      {deleting ? (
        <ConfirmDialog
          question={t("deleteQuestion", { url: deleting.url })}
          explanation={t("deleteExplanation")}
          confirmLabel={t("deleteConfirm")}
          cancelLabel={t("cancel")}
          onConfirm={() => {
            remove.mutate(deleting.id);
            setDeleting(undefined);
          }}
          onCancel={() => setDeleting(undefined)}
        />
      ) : null}

      {endpoints.data.items.length === 0 ? (
        <p>{t("noEndpoints")}</p>
      ) : (
        <div className={styles.scroll}>
          <table className={styles.table} aria-label={t("endpointsLabel")}>
            <thead>
              <tr>
                <th scope="col">{t("colUrl")}</th>
                <th scope="col">{t("colEvents")}</th>
                <th scope="col">{t("colState")}</th>
                <th scope="col">{t("colActions")}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.items.map((endpoint) => (
                <tr key={endpoint.id}>
                  <td>
                    {endpoint.url}
                    {endpoint.description ? <div className={styles.note}>{endpoint.description}</div> : null}
                  </td>
                  <td>{endpoint.events.join(", ")}</td>
                  <td className={styles.wrap}>
                    <EndpointState endpoint={endpoint} />
                  </td>
                  <td className={styles.actions}>
                    <button type="button" aria-expanded={open === endpoint.id} onClick={() => setOpen(open === endpoint.id ? undefined : endpoint.id)}>
                      {t("deliveries")}
                    </button>
                    <button type="button" disabled={!endpoint.enabled || test.isPending} onClick={() => test.mutate(endpoint.id)}>
                      {t("sendTest")}
                    </button>
                    <button type="button" onClick={() => toggle.mutate({ id: endpoint.id, changes: { enabled: !endpoint.enabled } })}>
                      {endpoint.enabled ? t("disable") : t("enable")}
                    </button>
                    <button type="button" onClick={() => rotate.mutate(endpoint.id)}>
                      {t("rotateSecret")}
                    </button>
                    <button type="button" disabled={deleting?.id === endpoint.id} onClick={() => setDeleting(endpoint)}>
                      {t("delete")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && endpoints.data.items.some((endpoint) => endpoint.id === open) ? (
        <WebhookDeliveries endpoint={endpoints.data.items.find((endpoint) => endpoint.id === open)!} />
      ) : null}
    </fieldset>
  );
}

/** Enabled, failing, or disabled and why: the two reasons the server writes are said in the page's language. */
function EndpointState({ endpoint }: { endpoint: WebhookEndpointView }) {
  const t = useTranslations("Webhooks");
  const since = endpoint.failingSince;
  const sinceTag = { since: () => (since ? <DateTime iso={since} /> : null) };
  if (!endpoint.enabled) {
    const kind = disabledReasonKind(endpoint.disabledReason);
    if (kind === "automatic" && since) return <>{t.rich("disabledAutomatically", sinceTag)}</>;
    if (kind === "administrator") return <>{t("disabledByAdministrator")}</>;
    return <>{t("disabledBecause", { reason: endpoint.disabledReason ?? "" })}</>;
  }
  if (since) return <>{t.rich("failingSince", sinceTag)}</>;
  return <>{t("enabled")}</>;
}

function AddEndpointForm({ busy, onAdd }: { busy: boolean; onAdd: (input: { url: string; events: WebhookEventType[]; description?: string }) => void }) {
  const t = useTranslations("Webhooks");
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>([...subscribable]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onAdd({ url: url.trim(), events, ...(description.trim() ? { description: description.trim() } : {}) });
  }

  return (
    <form onSubmit={submit} className={styles.webhookForm} aria-label={t("formLabel")}>
      <label>
        {t("urlLabel")}
        <input type="url" required value={url} placeholder="https://example.com/webhooks" onChange={(event) => setUrl(event.target.value)} />
      </label>
      <label>
        {t("descriptionLabel")}
        <input value={description} maxLength={200} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <fieldset>
        <legend>{t("eventsLegend")}</legend>
        {subscribable.map((type) => (
          <label key={type}>
            <input
              type="checkbox"
              checked={events.includes(type)}
              onChange={(event) => setEvents((list) => (event.target.checked ? [...list, type] : list.filter((item) => item !== type)))}
            />{" "}
            {type}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy || events.length === 0}>
        {t("add")}
      </button>
    </form>
  );
}

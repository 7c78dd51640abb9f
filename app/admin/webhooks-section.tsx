"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type WebhookEventType, webhookEventTypes } from "@/lib/webhooks/event-types";
import type { WebhookEndpointView } from "@/lib/webhooks/schemas";
import styles from "./admin.module.css";
import { WebhookDeliveries } from "./webhook-deliveries";
import { useProblemMessage } from "@/lib/web/use-problem-message";
import { createWebhook, deleteWebhook, fetchWebhooks, rotateWebhookSecret, sendWebhookTest, updateWebhook } from "./webhooks-api";

const subscribable = webhookEventTypes.filter((type) => type !== "webhook.test");
const queryKey = ["admin-webhooks"];

/** Webhook endpoints: add one (its secret shown once), see them with why any is disabled, open their deliveries. */
export function WebhooksSection({ initialEndpoints }: { initialEndpoints: WebhookEndpointView[] }) {
  const problemMessage = useProblemMessage();
  const queryClient = useQueryClient();
  const endpoints = useQuery({ queryKey, queryFn: fetchWebhooks, initialData: { items: initialEndpoints } });
  const [secret, setSecret] = useState<{ url: string; secret: string } | undefined>();
  const [open, setOpen] = useState<string | undefined>();
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

  return (
    <div>
      <AddEndpointForm busy={create.isPending} onAdd={(input) => create.mutate(input)} />
      {error ? <p role="alert">{problemMessage(error)}</p> : null}
      {secret ? (
        <div role="status" className={styles.secret}>
          <p>
            Signing secret for {secret.url}. Copy it now: it is shown only this once.
          </p>
          <code aria-label="Signing secret">{secret.secret}</code>{" "}
          <button type="button" onClick={() => setSecret(undefined)}>
            I have copied it
          </button>
        </div>
      ) : null}

      {endpoints.data.items.length === 0 ? (
        <p>No webhook endpoints yet.</p>
      ) : (
        <div className={styles.scroll}>
          <table className={styles.table} aria-label="Webhook endpoints">
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
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
                      Deliveries
                    </button>
                    <button type="button" disabled={!endpoint.enabled || test.isPending} onClick={() => test.mutate(endpoint.id)}>
                      Send test
                    </button>
                    <button type="button" onClick={() => toggle.mutate({ id: endpoint.id, changes: { enabled: !endpoint.enabled } })}>
                      {endpoint.enabled ? "Disable" : "Enable"}
                    </button>
                    <button type="button" onClick={() => rotate.mutate(endpoint.id)}>
                      Rotate secret
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        if (window.confirm(`Delete the endpoint ${endpoint.url} and its deliveries?`)) remove.mutate(endpoint.id);
                      }}
                    >
                      Delete
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
    </div>
  );
}

function EndpointState({ endpoint }: { endpoint: WebhookEndpointView }) {
  if (!endpoint.enabled) return <>Disabled: {endpoint.disabledReason ?? "by an administrator."}</>;
  if (endpoint.failingSince) return <>Enabled, failing since {new Date(endpoint.failingSince).toUTCString()}</>;
  return <>Enabled</>;
}

function AddEndpointForm({ busy, onAdd }: { busy: boolean; onAdd: (input: { url: string; events: WebhookEventType[]; description?: string }) => void }) {
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<WebhookEventType[]>([...subscribable]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onAdd({ url: url.trim(), events, ...(description.trim() ? { description: description.trim() } : {}) });
  }

  return (
    <form onSubmit={submit} className={styles.webhookForm} aria-label="Add a webhook endpoint">
      <label>
        Endpoint URL
        <input type="url" required value={url} placeholder="https://example.com/webhooks" onChange={(event) => setUrl(event.target.value)} />
      </label>
      <label>
        Description
        <input value={description} maxLength={200} onChange={(event) => setDescription(event.target.value)} />
      </label>
      <fieldset>
        <legend>Events</legend>
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
        Add endpoint
      </button>
    </form>
  );
}

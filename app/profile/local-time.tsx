"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** A date in the reader's time zone; the server, not knowing it, renders UTC until hydration. */
export function LocalTime({ iso }: { iso: string }) {
  const local = useSyncExternalStore(subscribe, () => true, () => false);
  const date = new Date(iso);
  const text = local
    ? date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })
    : `${date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" })} UTC`;
  return <time dateTime={iso}>{text}</time>;
}

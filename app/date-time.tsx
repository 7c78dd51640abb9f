"use client";

import { useFormatter } from "next-intl";
import { useSyncExternalStore } from "react";
import { formats } from "@/lib/i18n/formats";

const subscribe = () => () => {};

/**
 * A moment written the one way every page writes it (profile, invitees, administration), in the page's language:
 * in the reader's time zone once the page has hydrated; the server, not knowing that zone, renders UTC and says so.
 */
export function DateTime({ iso, style = "dateTime" }: { iso: string; style?: keyof typeof formats.dateTime }) {
  const format = useFormatter();
  const local = useSyncExternalStore(subscribe, () => true, () => false);
  const date = new Date(iso);
  const options = formats.dateTime[style];
  const text = local
    ? format.dateTime(date, { ...options, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone })
    : `${format.dateTime(date, { ...options, timeZone: "UTC" })} UTC`;
  return <time dateTime={iso}>{text}</time>;
}

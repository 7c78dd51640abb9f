import type { Formats } from "next-intl";

/**
 * The one way dates and numbers are written on every page (profile, invitees, administration): named formats
 * that `useFormatter()` / `getFormatter()` apply in the page's language.
 */
export const formats = {
  dateTime: {
    /** 12 Mar 2026, 14:05 / 12 мар. 2026 г., 14:05 */
    dateTime: { dateStyle: "medium", timeStyle: "short" },
    /** 12 Mar 2026 / 12 мар. 2026 г. */
    date: { dateStyle: "medium" },
    /** 12 Mar / 12 мар. (chart axes) */
    dayMonth: { day: "numeric", month: "short" },
  },
  number: {
    integer: { maximumFractionDigits: 0 },
  },
} satisfies Formats;

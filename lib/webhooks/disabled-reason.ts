/**
 * The two ways an endpoint gets disabled, written into `disabledReason` (the API's English text) by
 * webhook-endpoints.ts and record-attempt.ts; the admin page recognises them to say the same in the page's language.
 */
export const DISABLED_BY_ADMINISTRATOR = "Disabled by an administrator.";
/** The automatic reason starts so, then says for how long and since when every attempt failed. */
export const DISABLED_AUTOMATICALLY = "Disabled automatically:";

export type DisabledReasonKind = "administrator" | "automatic" | "other";

/** Which of the known reasons this is; a missing one is read as by an administrator (the endpoint was switched off by hand). */
export function disabledReasonKind(reason: string | null): DisabledReasonKind {
  if (reason === null || reason === DISABLED_BY_ADMINISTRATOR) return "administrator";
  if (reason.startsWith(DISABLED_AUTOMATICALLY)) return "automatic";
  return "other";
}

"use client";

import { useProblemMessage } from "@/lib/web/use-problem-message";
import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { callApi } from "@/lib/web/call-api";
import { loginPath } from "@/lib/web/login-reason";
import { announceSignOut } from "@/lib/web/session-channel";
import { useAction } from "../use-action";

const subscribe = () => () => {};

/** Delete account asks once more; then the account goes, every tab signs out, and the page goes to /login. */
export function DeleteAccount() {
  const t = useTranslations("Profile");
  const problemMessage = useProblemMessage();
  const [confirming, setConfirming] = useState(false);
  // Disabled in the server's HTML: a click before hydration would do nothing.
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  const remove = useAction(() => callApi((api) => api.DELETE("/api/v1/profile")), {
    onSuccess: () => {
      announceSignOut();
      // A full load: nothing of this account stays in the tab's memory.
      window.location.replace(loginPath("account-deleted"));
    },
  });

  if (!confirming) {
    return (
      <button type="button" className="danger" disabled={!hydrated} onClick={() => setConfirming(true)}>
        {t("deleteAccount")}
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby="delete-account-question" className="notice error-notice">
      <p id="delete-account-question">
        {t.rich("deleteQuestion", { strong: (chunks) => <strong>{chunks}</strong> })}
      </p>
      {remove.isError && (
        <p className="error" role="alert">
          {problemMessage(remove.error)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="danger" disabled={remove.isPending || remove.isSuccess} onClick={() => remove.mutate(undefined)}>
          {remove.isPending ? t("deleting") : t("deleteConfirm")}
        </button>
        <button type="button" className="secondary" disabled={remove.isPending} onClick={() => setConfirming(false)}>
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}

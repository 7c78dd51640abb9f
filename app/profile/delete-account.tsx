"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { apiFetch } from "@/lib/web/api-fetch";
import { problemMessage } from "@/lib/web/problem-message";

const subscribe = () => () => {};

/** Delete account asks once more; then the account goes, every tab signs out, and the page goes to /login. */
export function DeleteAccount() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const t = useTranslations("Profile");
  const [confirming, setConfirming] = useState(false);
  // Disabled in the server's HTML: a click before hydration would do nothing.
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  const remove = useMutation({
    mutationFn: () => apiFetch("/api/v1/profile", { method: "DELETE" }),
    onSuccess: () => {
      queryClient.clear();
      if (typeof BroadcastChannel !== "undefined") {
        const channel = new BroadcastChannel("pr-session");
        channel.postMessage("signed-out");
        channel.close();
      }
      router.replace("/login");
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
      {remove.error && (
        <p className="error" role="alert">
          {problemMessage(remove.error)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="danger" disabled={remove.isPending || remove.isSuccess} onClick={() => remove.mutate()}>
          {remove.isPending ? t("deleting") : t("deleteConfirm")}
        </button>
        <button type="button" className="secondary" disabled={remove.isPending} onClick={() => setConfirming(false)}>
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { callApi } from "@/lib/web/call-api";
import { problemMessage } from "@/lib/web/problem-message";

const subscribe = () => () => {};

/** Delete account asks once more; then the account goes, every tab signs out, and the page goes to /login. */
export function DeleteAccount() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  // Disabled in the server's HTML: a click before hydration would do nothing.
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  const remove = useMutation({
    mutationFn: () => callApi((api) => api.DELETE("/api/v1/profile")),
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
        Delete account
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby="delete-account-question" className="notice error-notice">
      <p id="delete-account-question">
        <strong>Delete your account for good?</strong> Your profile, avatar and invite code go away and you are signed out. This cannot be undone.
      </p>
      {remove.error && (
        <p className="error" role="alert">
          {problemMessage(remove.error)}
        </p>
      )}
      <div className="actions">
        <button type="button" className="danger" disabled={remove.isPending || remove.isSuccess} onClick={() => remove.mutate()}>
          {remove.isPending ? "Deleting…" : "Yes, delete my account"}
        </button>
        <button type="button" className="secondary" disabled={remove.isPending} onClick={() => setConfirming(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

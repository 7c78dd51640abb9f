"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { callApi } from "@/lib/web/call-api";
import { loginPath } from "@/lib/web/login-reason";
import { useAction } from "../use-action";

const CHANNEL = "pr-session";

/** Ends the session on the server and in every open tab of this browser; /login says which it was. */
export function SignOutButton() {
  const t = useTranslations("Profile");
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent) => {
      if (event.data === "signed-out") window.location.replace(loginPath("signed-out-elsewhere"));
    };
    return () => channel.close();
  }, []);
  const leave = () => {
    if (typeof BroadcastChannel !== "undefined") {
      const channel = new BroadcastChannel(CHANNEL);
      channel.postMessage("signed-out");
      channel.close();
    }
    // A full load: nothing of this session stays in the tab's memory.
    window.location.replace(loginPath("signed-out"));
  };
  // Even when the server already forgot the session, this browser is signed out now.
  const signOut = useAction(() => callApi((api) => api.POST("/api/v1/auth/logout")), { onSuccess: leave, onError: leave });
  return (
    <button type="button" className="secondary" disabled={signOut.isPending} onClick={() => signOut.mutate(undefined)}>
      {t("signOut")}
    </button>
  );
}

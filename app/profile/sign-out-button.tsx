"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { callApi } from "@/lib/web/call-api";
import { loginPath } from "@/lib/web/login-reason";
import { announceSignOut, listenForSignOutElsewhere } from "@/lib/web/session-channel";
import { useAction } from "../use-action";

/** Ends the session on the server and in every open tab of this browser; /login says which it was. */
export function SignOutButton() {
  const t = useTranslations("Profile");
  useEffect(() => listenForSignOutElsewhere(() => window.location.replace(loginPath("signed-out-elsewhere"))), []);
  const leave = () => {
    announceSignOut();
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

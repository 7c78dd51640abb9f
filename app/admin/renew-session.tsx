"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

const ATTEMPT_KEY = "admin:renewed-at";

/**
 * Shown when the page saw no live access cookie. The refresh cookie is only sent to /api/v1/auth, so the
 * browser tries it: on success the page reloads with fresh cookies, otherwise it goes to /login. One try per
 * half minute, so a browser that keeps no cookies does not reload forever.
 */
export function RenewSession() {
  const t = useTranslations("Admin");
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    const last = Number(sessionStorage.getItem(ATTEMPT_KEY) ?? 0);
    if (Date.now() - last < 30_000) {
      window.location.replace("/login");
      return;
    }
    sessionStorage.setItem(ATTEMPT_KEY, String(Date.now()));
    fetch("/api/v1/auth/refresh", { method: "POST", credentials: "same-origin" })
      .then((response) => {
        if (response.ok) window.location.reload();
        else window.location.replace("/login");
      })
      .catch(() => setOffline(true));
  }, []);
  return (
    <main>
      <h1>{t("heading")}</h1>
      <p role="status">{offline ? t("offline") : t("checkingSession")}</p>
      <p>
        <a href="/login">{t("signIn")}</a>
      </p>
    </main>
  );
}

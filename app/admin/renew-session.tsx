"use client";

import { useEffect, useState } from "react";

const ATTEMPT_KEY = "admin:renewed-at";

/**
 * Shown when the page saw no live access cookie. The refresh cookie is only sent to /api/v1/auth, so the
 * browser tries it: on success the page reloads with fresh cookies, otherwise it goes to /login. One try per
 * half minute, so a browser that keeps no cookies does not reload forever.
 */
export function RenewSession() {
  const [message, setMessage] = useState("Checking your session…");
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
      .catch(() => setMessage("Could not reach the server. Check your connection and reload the page."));
  }, []);
  return (
    <main>
      <h1>Administration</h1>
      <p role="status">{message}</p>
      <p>
        <a href="/login">Sign in</a>
      </p>
    </main>
  );
}

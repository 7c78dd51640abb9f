"use client";

import { useTranslations } from "next-intl";
import { useRef, useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** The link that signs a new person in and activates `code`; on PUBLIC_URL when set, else this page's origin. */
export function CopyInviteLink({ code, publicOrigin }: { code: string; publicOrigin?: string }) {
  const t = useTranslations("Profile");
  const pageOrigin = useSyncExternalStore(subscribe, () => window.location.origin, () => "");
  const origin = publicOrigin ?? pageOrigin;
  const link = `${origin}/login?ref=${code}`;
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setStatus(t("linkCopied"));
    } catch {
      input.current?.select();
      setStatus(t("copyBlocked"));
    }
  }

  return (
    <div className="field">
      <label htmlFor="invite-link">{t("inviteLink")}</label>
      <input id="invite-link" className="wide" ref={input} readOnly value={link} onFocus={(event) => event.target.select()} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void copy()}>
          {t("copyInviteLink")}
        </button>
        <p className="ok" role="status">
          {status}
        </p>
      </div>
    </div>
  );
}

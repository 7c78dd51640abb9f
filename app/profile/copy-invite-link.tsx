"use client";

import { useRef, useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};

export function CopyInviteLink({ code }: { code: string }) {
  const origin = useSyncExternalStore(subscribe, () => window.location.origin, () => "");
  const link = `${origin}/login?ref=${code}`;
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState("");

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setStatus("Invite link copied.");
    } catch {
      input.current?.select();
      setStatus("Copying is not allowed here: the link is selected, press Ctrl+C (or ⌘C) to copy it.");
    }
  }

  return (
    <div className="field">
      <label htmlFor="invite-link">Invite link</label>
      <input id="invite-link" className="wide" ref={input} readOnly value={link} onFocus={(event) => event.target.select()} />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void copy()}>
          Copy invite link
        </button>
        <p className="ok" role="status">
          {status}
        </p>
      </div>
    </div>
  );
}

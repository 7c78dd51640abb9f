"use client";

import { useProblemMessage } from "@/lib/web/use-problem-message";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { callApi } from "@/lib/web/call-api";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";
import { useAction } from "../use-action";

/** `focusOnOpen`: the page was opened from an invite link; the prefilled field takes the focus. */
export function ActivateInviteForm({ initialCode = "", focusOnOpen = false }: { initialCode?: string; focusOnOpen?: boolean }) {
  const router = useRouter();
  const t = useTranslations("Profile");
  const problemMessage = useProblemMessage();
  const [code, setCode] = useState(initialCode);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!focusOnOpen) return;
    input.current?.focus();
    input.current?.scrollIntoView({ block: "center" });
  }, [focusOnOpen]);
  const activate = useAction((value: string) => callApi((api) => api.POST("/api/v1/profile/invite-code", { body: { code: value } })), {
    // The page is rendered on the server: load it again, with the confirmation at the top.
    onSuccess: (profile) => router.replace(`/profile?ref=${profile.activatedInviteCode ?? ""}&activated=1`),
    onError: (error) => {
      if (error instanceof ApiProblem && error.code === "invite_already_activated") router.replace("/profile");
    },
  });
  const error = activate.error ? problemMessage(activate.error) : undefined;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    activate.mutate(code);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="invite-code">{t("inviteCode")}</label>
        <p className="hint" id="invite-code-hint">
          {t("inviteCodeHint")}
        </p>
        <input
          id="invite-code"
          ref={input}
          name="code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={12}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          {...fieldErrorProps({ id: "invite-code", error, hint: true })}
        />
        <FieldError id="invite-code" error={error} />
      </div>
      <button type="submit" disabled={activate.isPending || !code.trim()}>
        {activate.isPending ? t("activating") : t("activate")}
      </button>
    </form>
  );
}

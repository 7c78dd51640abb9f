"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { callApi } from "@/lib/web/call-api";
import { problemMessage } from "@/lib/web/problem-message";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";

export function ActivateInviteForm({ initialCode = "" }: { initialCode?: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const activate = useMutation({
    mutationFn: (value: string) => callApi((api) => api.POST("/api/v1/profile/invite-code", { body: { code: value } })),
    // The page is rendered on the server: load it again (without any ?ref= outcome) to show the activated code.
    onSuccess: () => router.replace("/profile"),
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
        <label htmlFor="invite-code">Invite code</label>
        <p className="hint" id="invite-code-hint">
          The 6-character code of the person who invited you. You can activate one code, once.
        </p>
        <input
          id="invite-code"
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
        {activate.isPending ? "Activating…" : "Activate"}
      </button>
    </form>
  );
}

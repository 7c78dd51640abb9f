"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from "react";
import type { components } from "@/lib/api-client/schema.generated";
import { callApi } from "@/lib/web/call-api";
import { problemMessage } from "@/lib/web/problem-message";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";

// Test mode only, and only after a code was sent.
const SimulatedSms = lazy(() => import("../login/simulated-sms").then((module) => ({ default: module.SimulatedSms })));

type CodeSent = components["schemas"]["CodeSent"];

/** New number → a code sent to it → the code confirms the change. */
export function PhoneForm({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [sent, setSent] = useState<(CodeSent & { sentCount: number }) | undefined>();
  const codeInput = useRef<HTMLInputElement>(null);

  const requestCode = useMutation({
    mutationFn: (newPhone: string) => callApi((api) => api.POST("/api/v1/profile/phone", { body: { phone: newPhone } })),
    onSuccess: (answer) => {
      setSent((previous) => ({ ...answer, sentCount: (previous?.sentCount ?? 0) + 1 }));
      setCode("");
    },
  });
  const confirm = useMutation({
    mutationFn: (input: { phone: string; code: string }) => callApi((api) => api.POST("/api/v1/profile/phone/confirm", { body: input })),
    onSuccess: () => router.refresh(),
  });

  useEffect(() => {
    if (sent) codeInput.current?.focus();
  }, [sent]);

  if (confirm.data) {
    return (
      <div className="actions">
        <p className="ok" role="status">
          Your phone number is now {confirm.data.phone}.
        </p>
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }

  const phoneError = !sent && requestCode.error ? problemMessage(requestCode.error) : undefined;
  if (!sent) {
    return (
      <form onSubmit={(event: FormEvent) => (event.preventDefault(), requestCode.mutate(phone))} noValidate aria-label="Change phone number">
        <div className="field">
          <label htmlFor="new-phone">New phone number</label>
          <p className="hint" id="new-phone-hint">
            We send a code to the new number. Your number stays as it is until you enter that code.
          </p>
          <input
            id="new-phone"
            name="phone"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            {...fieldErrorProps({ id: "new-phone", error: phoneError, hint: true })}
          />
          <FieldError id="new-phone" error={phoneError} />
        </div>
        <div className="actions">
          <button type="submit" disabled={requestCode.isPending || !phone.trim()}>
            {requestCode.isPending ? "Sending…" : "Send code"}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    );
  }

  const codeError = confirm.error ? problemMessage(confirm.error) : requestCode.error ? problemMessage(requestCode.error) : undefined;
  return (
    <>
      <form
        onSubmit={(event: FormEvent) => (event.preventDefault(), confirm.mutate({ phone: sent.phone, code }))}
        noValidate
        aria-label="Confirm the new phone number"
      >
        <p className="hint">
          We sent a {sent.codeLength}-digit code to {sent.phone}.
        </p>
        <div className="field">
          <label htmlFor="phone-change-code">Confirmation code</label>
          <input
            id="phone-change-code"
            ref={codeInput}
            name="code"
            className="code-input"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={sent.codeLength}
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ""))}
            {...fieldErrorProps({ id: "phone-change-code", error: codeError })}
          />
          <FieldError id="phone-change-code" error={codeError} />
        </div>
        <div className="actions">
          <button type="submit" disabled={confirm.isPending || code.length === 0}>
            {confirm.isPending ? "Confirming…" : "Confirm"}
          </button>
          <button type="button" className="link" disabled={requestCode.isPending} onClick={() => requestCode.mutate(sent.phone)}>
            Send a new code
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
      <Suspense fallback={null}>
        <SimulatedSms phone={sent.phone} sentCount={sent.sentCount} />
      </Suspense>
    </>
  );
}

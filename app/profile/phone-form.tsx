"use client";

import { useProblemMessage } from "@/lib/web/use-problem-message";
import { QueryProvider } from "@/app/query-provider";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from "react";
import type { components } from "@/lib/api-client/schema.generated";
import { callApi } from "@/lib/web/call-api";
import { formatPhone } from "@/lib/phone/format-phone";
import { codeFromInput } from "@/lib/web/code-from-input";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";
import { type EditorProps, useFocusOnOpen } from "./editor";

// Test mode only, and only after a code was sent.
const SimulatedSms = lazy(() => import("../login/simulated-sms").then((module) => ({ default: module.SimulatedSms })));

type CodeSent = components["schemas"]["CodeSent"];

/** New number → a code sent to it → the code confirms the change. */
function PhoneFormContent({ onClose, announce }: EditorProps) {
  const t = useTranslations("Editors");
  const problemMessage = useProblemMessage();
  const router = useRouter();
  const phoneInput = useFocusOnOpen<HTMLInputElement>();
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
    onSuccess: (profile) => {
      announce(t("phoneChanged", { phone: formatPhone(profile.phone) }));
      onClose();
      router.refresh();
    },
  });

  useEffect(() => {
    if (sent) codeInput.current?.focus();
  }, [sent]);

  const phoneError = !sent && requestCode.error ? problemMessage(requestCode.error) : undefined;
  if (!sent) {
    return (
      <form onSubmit={(event: FormEvent) => (event.preventDefault(), requestCode.mutate(phone))} noValidate aria-label={t("phoneLabel")}>
        <div className="field">
          <label htmlFor="new-phone">{t("newPhone")}</label>
          <p className="hint" id="new-phone-hint">
            {t("newPhoneHint")}
          </p>
          <input
            id="new-phone"
            ref={phoneInput}
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
            {requestCode.isPending ? t("sending") : t("sendCode")}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t("cancel")}
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
        aria-label={t("confirmLabel")}
      >
        <p className="hint">
          {t("sentTo", { length: sent.codeLength, phone: formatPhone(sent.phone) })}
        </p>
        <div className="field">
          <label htmlFor="phone-change-code">{t("confirmationCode")}</label>
          <input
            id="phone-change-code"
            ref={codeInput}
            name="code"
            className="code-input"
            autoComplete="one-time-code"
            inputMode="numeric"
            value={code}
            onChange={(event) => setCode(codeFromInput(event.target.value, sent.codeLength))}
            {...fieldErrorProps({ id: "phone-change-code", error: codeError })}
          />
          <FieldError id="phone-change-code" error={codeError} />
        </div>
        <div className="actions">
          <button type="submit" disabled={confirm.isPending || code.length === 0}>
            {confirm.isPending ? t("confirming") : t("confirm")}
          </button>
          <button type="button" className="link" disabled={requestCode.isPending} onClick={() => requestCode.mutate(sent.phone)}>
            {t("resend")}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t("cancel")}
          </button>
        </div>
      </form>
      <Suspense fallback={null}>
        <SimulatedSms phone={sent.phone} sentCount={sent.sentCount} />
      </Suspense>
    </>
  );
}

/** With its own TanStack Query client: loaded with this component, not with the page. */
export function PhoneForm(props: EditorProps) {
  return (
    <QueryProvider>
      <PhoneFormContent {...props} />
    </QueryProvider>
  );
}

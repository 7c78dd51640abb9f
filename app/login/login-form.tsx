"use client";

import { useProblemMessage } from "@/lib/web/use-problem-message";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from "react";
import { callApi } from "@/lib/web/call-api";
import { ApiProblem } from "@/lib/api-client/api-problem";
import type { components } from "@/lib/api-client/schema.generated";
import { codeFromInput } from "@/lib/web/code-from-input";
import { codeRequestOutcome, verifyOutcome } from "@/lib/web/sign-in-outcome";
import { useAction } from "../use-action";
import type { PhoneCountry } from "@/lib/phone/phone-countries";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";
import { loadAsYouType, PhoneField } from "./phone-field";

type CodeSent = components["schemas"]["CodeSent"];

// Test mode only, and only after a code was sent: kept out of the page's first-load JavaScript.
const SimulatedSms = lazy(() => import("./simulated-sms").then((module) => ({ default: module.SimulatedSms })));

/** Seconds left until `until` (a Date.now() value), ticking every second. */
function useSecondsLeft(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= until) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [until]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** `next`: a path of this site to return to after signing in (checked by the page). */
export function LoginForm({
  refCode,
  next,
  defaultCountry = "RU",
  codeLength = 4,
}: {
  refCode?: string;
  next?: string;
  defaultCountry?: PhoneCountry;
  /** OTP_LENGTH, for a code sent before this page was loaded (the answer that says so does not repeat it). */
  codeLength?: number;
}) {
  const router = useRouter();
  const t = useTranslations("Login");
  const problemMessage = useProblemMessage();
  const [phone, setPhone] = useState("");
  const [country, setCountry] = useState<PhoneCountry>(defaultCountry);
  const [code, setCode] = useState("");
  const [sent, setSent] = useState<(CodeSent & { resendAt: number; sentCount: number; earlier?: boolean }) | undefined>();
  /** No tries left for this code: Sign in waits for a new one. */
  const [spent, setSpent] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const phoneInput = useRef<HTMLInputElement>(null);
  const secondsLeft = useSecondsLeft(sent?.resendAt ?? 0);

  const requestCode = useAction((forPhone: string) => callApi((api) => api.POST("/api/v1/auth/code", { body: { phone: forPhone } })), {
    onSuccess: (answer) => {
      setSent((previous) => ({ ...answer, resendAt: Date.now() + answer.resendIn * 1000, sentCount: (previous?.sentCount ?? 0) + 1 }));
      setCode("");
      setSpent(false);
      verify.reset();
    },
    onError: (error, forPhone) => {
      // A code went to this number a moment ago (before a reload, or in a tab since closed): it can still be entered.
      const outcome = error instanceof ApiProblem ? codeRequestOutcome(error) : { kind: "error" as const };
      if (outcome.kind !== "cooldown" || sent) return;
      setSent(() => ({ phone: forPhone, codeLength, expiresIn: 0, resendIn: outcome.seconds, resendAt: Date.now() + outcome.seconds * 1000, sentCount: 0, earlier: true }));
      setCode("");
      requestCode.reset();
    },
  });

  const verify = useAction(
    async (input: { phone: string; code: string }) => {
      await callApi((api) => api.POST("/api/v1/auth/verify", { body: input }));
      if (!refCode) return next ?? "/profile";
      try {
        await callApi((api) => api.POST("/api/v1/profile/invite-code", { body: { code: refCode } }));
        return `/profile?ref=${refCode}&activated=1`;
      } catch (error) {
        // The profile says why, from the code alone.
        const code = error instanceof ApiProblem ? error.code : "unexpected_response";
        return `/profile?ref=${refCode}&refError=${encodeURIComponent(code)}`;
      }
    },
    {
      onSuccess: (destination) => router.replace(destination),
      onError: (error) => {
        const outcome = error instanceof ApiProblem ? verifyOutcome(error) : { kind: "error" as const };
        if (outcome.kind !== "new-code-needed") return;
        setSpent(true);
        // Locked for longer than the resend cooldown: the countdown shows when a new code can be asked for.
        if (outcome.seconds) setSent((previous) => previous && { ...previous, resendAt: Math.max(previous.resendAt, Date.now() + outcome.seconds! * 1000) });
      },
    },
  );

  useEffect(() => {
    if (sent) codeInput.current?.focus();
  }, [sent?.sentCount, sent]);

  function onPhoneSubmit(event: FormEvent) {
    event.preventDefault();
    // As E.164 for the chosen country when the number parses; as typed otherwise (the API then names the problem).
    void loadAsYouType().then(
      (tools) => requestCode.mutate(tools.phoneToSend(phone, country)),
      () => requestCode.mutate(phone),
    );
  }

  /** Typed, pasted or filled in by the phone: the form sends itself once the last digit is there. */
  function enterCode(value: string) {
    setCode(value);
    if (sent && !spent && value.length === sent.codeLength && !verify.isPending && !verify.isSuccess) {
      verify.mutate({ phone: sent.phone, code: value });
    }
  }

  function onCodeSubmit(event: FormEvent) {
    event.preventDefault();
    if (sent && !spent && !verify.isPending && !verify.isSuccess) verify.mutate({ phone: sent.phone, code });
  }

  function changeNumber() {
    setSent(undefined);
    setSpent(false);
    setCode("");
    requestCode.reset();
    verify.reset();
    requestAnimationFrame(() => phoneInput.current?.focus());
  }

  const phoneError = !sent && requestCode.error ? problemMessage(requestCode.error) : undefined;
  const codeError = verify.error ? problemMessage(verify.error) : undefined;
  const resendError = sent && requestCode.error ? problemMessage(requestCode.error) : undefined;

  if (!sent) {
    return (
      <form onSubmit={onPhoneSubmit} noValidate>
        <PhoneField value={phone} onChange={setPhone} country={country} onCountryChange={setCountry} error={phoneError} inputRef={phoneInput} />
        <button type="submit" disabled={requestCode.isPending || !phone.trim()}>
          {requestCode.isPending ? t("sending") : t("getCode")}
        </button>
      </form>
    );
  }

  return (
    <>
      <p role="status">
        {t.rich(sent.earlier ? "sentEarlier" : "sent", { length: sent.codeLength, phone: sent.phone, strong: (chunks) => <strong>{chunks}</strong> })}{" "}
        <button type="button" className="link" onClick={changeNumber}>
          {t("changeNumber")}
        </button>
      </p>
      <form onSubmit={onCodeSubmit} noValidate>
        <div className="field">
          <label htmlFor="code">{t("codeLabel")}</label>
          <input
            id="code"
            ref={codeInput}
            name="code"
            className="code-input"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            required
            value={code}
            onChange={(event) => enterCode(codeFromInput(event.target.value, sent.codeLength))}
            {...fieldErrorProps({ id: "code", error: codeError })}
          />
          <FieldError id="code" error={codeError} />
        </div>
        <button type="submit" disabled={spent || verify.isPending || verify.isSuccess || code.length < sent.codeLength}>
          {verify.isPending || verify.isSuccess ? t("signingIn") : t("signIn")}
        </button>
      </form>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          disabled={secondsLeft > 0 || requestCode.isPending}
          onClick={() => requestCode.mutate(sent.phone)}
          aria-describedby="resend-hint"
        >
          {t("resend")}
        </button>
        <p className={spent ? "notice" : "hint"} id="resend-hint">
          {spent
            ? secondsLeft > 0
              ? t("spentWait", { seconds: secondsLeft })
              : t("spentNow")
            : secondsLeft > 0
              ? t("resendIn", { seconds: secondsLeft })
              : t("resendNow")}
        </p>
      </div>
      {resendError && (
        <p className="error" role="alert">
          {resendError}
        </p>
      )}
      {!requestCode.isPending && (
        <Suspense fallback={null}>
          <SimulatedSms phone={sent.phone} sentCount={sent.sentCount} />
        </Suspense>
      )}
    </>
  );
}

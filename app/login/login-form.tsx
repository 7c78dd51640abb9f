"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from "react";
import { ApiProblem } from "@/lib/api-client/api-problem";
import type { components } from "@/lib/api-client/schema.generated";
import { callApi } from "@/lib/web/call-api";
import { problemMessage } from "@/lib/web/problem-message";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";

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

export function LoginForm({ refCode }: { refCode?: string }) {
  const router = useRouter();
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [sent, setSent] = useState<(CodeSent & { resendAt: number; sentCount: number }) | undefined>();
  const codeInput = useRef<HTMLInputElement>(null);
  const phoneInput = useRef<HTMLInputElement>(null);
  const secondsLeft = useSecondsLeft(sent?.resendAt ?? 0);

  const requestCode = useMutation({
    mutationFn: (forPhone: string) => callApi((api) => api.POST("/api/v1/auth/code", { body: { phone: forPhone } })),
    onSuccess: (answer) => {
      setSent((previous) => ({ ...answer, resendAt: Date.now() + answer.resendIn * 1000, sentCount: (previous?.sentCount ?? 0) + 1 }));
      setCode("");
      verify.reset();
    },
  });

  const verify = useMutation({
    mutationFn: async (input: { phone: string; code: string }) => {
      await callApi((api) => api.POST("/api/v1/auth/verify", { body: input }));
      if (!refCode) return "/profile";
      try {
        await callApi((api) => api.POST("/api/v1/profile/invite-code", { body: { code: refCode } }));
        return `/profile?ref=${refCode}&activated=1`;
      } catch (error) {
        // The profile says why, from the code alone.
        const code = error instanceof ApiProblem ? error.code : "unexpected_response";
        return `/profile?ref=${refCode}&refError=${encodeURIComponent(code)}`;
      }
    },
    onSuccess: (destination) => router.replace(destination),
  });

  useEffect(() => {
    if (sent) codeInput.current?.focus();
  }, [sent?.sentCount, sent]);

  function onPhoneSubmit(event: FormEvent) {
    event.preventDefault();
    requestCode.mutate(phone);
  }

  function onCodeSubmit(event: FormEvent) {
    event.preventDefault();
    if (sent) verify.mutate({ phone: sent.phone, code });
  }

  function changeNumber() {
    setSent(undefined);
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
        <div className="field">
          <label htmlFor="phone">Phone number</label>
          <p className="hint" id="phone-hint">
            With the country code, for example +7 999 123-45-67.
          </p>
          <input
            id="phone"
            ref={phoneInput}
            name="phone"
            type="tel"
            autoComplete="tel"
            inputMode="tel"
            required
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            {...fieldErrorProps({ id: "phone", error: phoneError, hint: true })}
          />
          <FieldError id="phone" error={phoneError} />
        </div>
        <button type="submit" disabled={requestCode.isPending || !phone.trim()}>
          {requestCode.isPending ? "Sending…" : "Get code"}
        </button>
      </form>
    );
  }

  return (
    <>
      <p role="status">
        We sent a {sent.codeLength}-digit code to <strong>{sent.phone}</strong>.{" "}
        <button type="button" className="link" onClick={changeNumber}>
          Change number
        </button>
      </p>
      <form onSubmit={onCodeSubmit} noValidate>
        <div className="field">
          <label htmlFor="code">Code</label>
          <input
            id="code"
            ref={codeInput}
            name="code"
            className="code-input"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={sent.codeLength}
            required
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ""))}
            {...fieldErrorProps({ id: "code", error: codeError })}
          />
          <FieldError id="code" error={codeError} />
        </div>
        <button type="submit" disabled={verify.isPending || verify.isSuccess || code.length < sent.codeLength}>
          {verify.isPending || verify.isSuccess ? "Signing in…" : "Sign in"}
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
          Send a new code
        </button>
        <p className="hint" id="resend-hint">
          {secondsLeft > 0 ? `You can ask for a new code in ${secondsLeft} s.` : "Did not get it? You can ask for a new code now."}
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

"use client";

import { useTranslations } from "next-intl";
import { type Ref, useRef, useState } from "react";
import type * as AsYouType from "@/lib/phone/as-you-type";
import { PHONE_COUNTRIES, type PhoneCountry } from "@/lib/phone/phone-countries";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";

type AsYouTypeModule = typeof AsYouType;

let loading: Promise<AsYouTypeModule> | undefined;
/** libphonenumber-js and its metadata: loaded when the field is first used, not with the page. */
export function loadAsYouType(): Promise<AsYouTypeModule> {
  loading ??= import("@/lib/phone/as-you-type");
  return loading;
}

interface PhoneFieldProps {
  value: string;
  onChange: (value: string) => void;
  country: PhoneCountry;
  onCountryChange: (country: PhoneCountry) => void;
  error?: string;
  inputRef?: Ref<HTMLInputElement>;
}

/** The country code selector and the number, grouped as that country writes it while it is typed. */
export function PhoneField({ value, onChange, country, onCountryChange, error, inputRef }: PhoneFieldProps) {
  const t = useTranslations("Login");
  const countries = useTranslations("Countries");
  const [tools, setTools] = useState<AsYouTypeModule>();
  const previousDigits = useRef(0);
  const load = () => void loadAsYouType().then(setTools, () => undefined);

  function type(next: string, inCountry = country) {
    const digits = next.replace(/\D/g, "").length;
    // Grouping only while digits are added: deleting a space or a dash must not bring it straight back.
    const typed = tools && digits > previousDigits.current ? tools.typePhone(next, inCountry) : undefined;
    previousDigits.current = digits;
    onChange(typed?.text ?? next);
    if (typed?.country && typed.country !== inCountry && PHONE_COUNTRIES[typed.country] !== PHONE_COUNTRIES[inCountry]) onCountryChange(typed.country);
  }

  return (
    <div className="field">
      <label htmlFor="phone">{t("phoneLabel")}</label>
      <p className="hint" id="phone-hint">
        {t("phoneHint")}
      </p>
      <div className="phone-row">
        <select
          aria-label={t("country")}
          value={country}
          onFocus={load}
          onChange={(event) => {
            const next = event.target.value as PhoneCountry;
            onCountryChange(next);
            previousDigits.current = 0;
            // A number typed with another country's code does not belong to the new country: start again.
            if (value.trim().startsWith("+")) onChange("");
            else if (tools && value) type(value, next);
          }}
        >
          {(Object.keys(PHONE_COUNTRIES) as PhoneCountry[]).map((code) => (
            <option key={code} value={code}>
              {`${countries(code)} +${PHONE_COUNTRIES[code]}`}
            </option>
          ))}
        </select>
        <input
          id="phone"
          ref={inputRef}
          name="phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          required
          value={value}
          onFocus={load}
          onChange={(event) => type(event.target.value)}
          {...fieldErrorProps({ id: "phone", error, hint: true })}
        />
      </div>
      <FieldError id="phone" error={error} />
    </div>
  );
}

"use client";

import { useProblemMessage } from "@/lib/web/use-problem-message";
import { QueryProvider } from "@/app/query-provider";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { callApi } from "@/lib/web/call-api";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";
import { type EditorProps, useFocusOnOpen } from "./editor";

const FIELDS = [
  { name: "firstName", type: "text", autoComplete: "given-name" },
  { name: "lastName", type: "text", autoComplete: "family-name" },
  { name: "email", type: "email", autoComplete: "email" },
] as const;

type FieldName = (typeof FIELDS)[number]["name"];

const NAME_MAX_CHARACTERS = 50;

interface DetailsFormProps extends EditorProps {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
}

/** What is wrong with a field, in words for people; undefined when it can be sent. */
function check(name: FieldName, value: string): "nameInvalid" | "emailInvalid" | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (name === "email") return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) && trimmed.length <= 254 ? undefined : "emailInvalid";
  return [...trimmed].length <= NAME_MAX_CHARACTERS && !/[\p{Cc}\u2028\u2029]/u.test(trimmed) ? undefined : "nameInvalid";
}

/** First name, last name and e-mail; an emptied field is cleared (sent as null). */
function DetailsFormContent({ onClose, announce, ...initial }: DetailsFormProps) {
  const t = useTranslations("Editors");
  const problemMessage = useProblemMessage();
  const router = useRouter();
  const first = useFocusOnOpen<HTMLInputElement>();
  const [values, setValues] = useState<Record<FieldName, string>>({
    firstName: initial.firstName ?? "",
    lastName: initial.lastName ?? "",
    email: initial.email ?? "",
  });
  const [checked, setChecked] = useState<Partial<Record<FieldName, "nameInvalid" | "emailInvalid">>>({});
  const save = useMutation({
    mutationFn: (changes: Record<FieldName, string | null>) => callApi((api) => api.PATCH("/api/v1/profile", { body: changes })),
    // The facts above are rendered on the server: fetch them again.
    onSuccess: () => {
      announce(t("saved"));
      router.refresh();
    },
  });
  // The API's wording is for API clients: a field it refused gets the same words as the check above.
  const refused = save.error instanceof ApiProblem ? save.error.errors.map((error) => error.path) : [];
  const fieldError = (name: FieldName) => {
    const problem = checked[name] ?? (refused.includes(name) ? (name === "email" ? "emailInvalid" : "nameInvalid") : undefined);
    return problem ? t(problem) : undefined;
  };
  const formError = save.error && refused.length === 0 ? problemMessage(save.error) : undefined;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems: Partial<Record<FieldName, "nameInvalid" | "emailInvalid">> = {};
    for (const field of FIELDS) {
      const problem = check(field.name, values[field.name]);
      if (problem) problems[field.name] = problem;
    }
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    const trimmed = (value: string) => (value.trim() === "" ? null : value);
    save.mutate({ firstName: trimmed(values.firstName), lastName: trimmed(values.lastName), email: trimmed(values.email) });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("detailsLabel")}>
      <p className="hint">{t("emptyClears")}</p>
      {FIELDS.map((field, index) => {
        const error = fieldError(field.name);
        return (
          <div className="field" key={field.name}>
            <label htmlFor={`profile-${field.name}`}>{t(field.name)}</label>
            <input
              id={`profile-${field.name}`}
              ref={index === 0 ? first : undefined}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              maxLength={field.name === "email" ? 254 : 200}
              className="wide"
              value={values[field.name]}
              onChange={(event) => {
                setValues((previous) => ({ ...previous, [field.name]: event.target.value }));
                setChecked((previous) => ({ ...previous, [field.name]: undefined }));
                if (save.isSuccess || save.isError) save.reset();
              }}
              {...fieldErrorProps({ id: `profile-${field.name}`, error })}
            />
            <FieldError id={`profile-${field.name}`} error={error} />
          </div>
        );
      })}
      {formError && (
        <p className="error" role="alert">
          {formError}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {save.isSuccess ? t("close") : t("cancel")}
        </button>
      </div>
    </form>
  );
}

/** With its own TanStack Query client: loaded with this component, not with the page. */
export function DetailsForm(props: DetailsFormProps) {
  return (
    <QueryProvider>
      <DetailsFormContent {...props} />
    </QueryProvider>
  );
}

"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { callApi } from "@/lib/web/call-api";
import { problemMessage } from "@/lib/web/problem-message";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";

const FIELDS = [
  { name: "firstName", label: "First name", type: "text", autoComplete: "given-name" },
  { name: "lastName", label: "Last name", type: "text", autoComplete: "family-name" },
  { name: "email", label: "E-mail", type: "email", autoComplete: "email" },
] as const;

type FieldName = (typeof FIELDS)[number]["name"];

interface DetailsFormProps {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  onClose: () => void;
}

/** First name, last name and e-mail; an emptied field is cleared (sent as null). */
export function DetailsForm({ onClose, ...initial }: DetailsFormProps) {
  const router = useRouter();
  const [values, setValues] = useState<Record<FieldName, string>>({
    firstName: initial.firstName ?? "",
    lastName: initial.lastName ?? "",
    email: initial.email ?? "",
  });
  const save = useMutation({
    mutationFn: (changes: Record<FieldName, string | null>) => callApi((api) => api.PATCH("/api/v1/profile", { body: changes })),
    // The facts above are rendered on the server: fetch them again.
    onSuccess: () => router.refresh(),
  });
  const problem = save.error instanceof ApiProblem ? save.error : undefined;
  const fieldErrorOf = (name: FieldName) => problem?.fieldError(name);
  const formError = save.error && !FIELDS.some((field) => fieldErrorOf(field.name)) ? problemMessage(save.error) : undefined;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = (value: string) => (value.trim() === "" ? null : value);
    save.mutate({ firstName: trimmed(values.firstName), lastName: trimmed(values.lastName), email: trimmed(values.email) });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Name and e-mail">
      {FIELDS.map((field) => {
        const error = fieldErrorOf(field.name);
        return (
          <div className="field" key={field.name}>
            <label htmlFor={`profile-${field.name}`}>{field.label}</label>
            <input
              id={`profile-${field.name}`}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              maxLength={field.name === "email" ? 254 : 50}
              className="wide"
              value={values[field.name]}
              onChange={(event) => {
                setValues((previous) => ({ ...previous, [field.name]: event.target.value }));
                if (save.isSuccess) save.reset();
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
      {save.isSuccess && (
        <p className="ok" role="status">
          Saved.
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="secondary" onClick={onClose}>
          {save.isSuccess ? "Close" : "Cancel"}
        </button>
      </div>
    </form>
  );
}

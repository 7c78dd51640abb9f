/**
 * The accessible error of a form field named `id`: its input is described by `<id>-hint` (when the field has a
 * hint) and, while there is an error, by `<id>-error`, the message the screen reader announces.
 */
export function fieldErrorProps({ id, error, hint = false }: { id: string; error: string | undefined; hint?: boolean }) {
  const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(" ");
  return { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined };
}

/** The message under a field while it has an error, with the id that {@link fieldErrorProps} points at. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="error" id={`${id}-error`} role="alert">
      {error}
    </p>
  );
}

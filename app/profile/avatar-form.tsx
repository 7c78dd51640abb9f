"use client";

import { useProblemMessage } from "@/lib/web/use-problem-message";
import { QueryProvider } from "@/app/query-provider";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useState } from "react";
import { callApi } from "@/lib/web/call-api";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";
import { type EditorProps, useFocusOnOpen } from "./editor";

/** Pick an image, see it, upload it; or remove the current one. The server checks the format and size. */
function AvatarFormContent({ avatarUrl, onClose, announce }: { avatarUrl: string | null } & EditorProps) {
  const t = useTranslations("Editors");
  const problemMessage = useProblemMessage();
  const router = useRouter();
  const first = useFocusOnOpen<HTMLInputElement>();
  const [chosen, setChosen] = useState<{ file: File; preview: string } | undefined>();
  const file = chosen?.file;
  const preview = chosen?.preview;
  // The object URL lives as long as its choice.
  useEffect(() => (preview ? () => URL.revokeObjectURL(preview) : undefined), [preview]);
  const setFile = (next: File | undefined) => setChosen(next ? { file: next, preview: URL.createObjectURL(next) } : undefined);

  const upload = useMutation({
    mutationFn: (image: File) =>
      callApi((api) =>
        api.PUT("/api/v1/profile/avatar", {
          body: { file: image },
          // multipart/form-data: the browser sets the content type with its boundary.
          bodySerializer: ({ file: upload }) => {
            const form = new FormData();
            form.append("file", upload);
            return form;
          },
        }),
      ),
    onSuccess: () => {
      setFile(undefined);
      announce(t("avatarSaved"));
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => callApi((api) => api.DELETE("/api/v1/profile/avatar")),
    onSuccess: () => {
      announce(t("avatarRemoved"));
      router.refresh();
    },
  });
  const error = upload.error ?? remove.error;
  const message = error ? problemMessage(error) : undefined;
  const busy = upload.isPending || remove.isPending;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate(file);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t("avatarLabel")}>
      <div className="field">
        <label htmlFor="avatar-file">{t("avatar")}</label>
        <p className="hint" id="avatar-hint">
          {t("avatarHint")}
        </p>
        <input
          id="avatar-file"
          ref={first}
          name="file"
          type="file"
          accept="image/png,image/jpeg,image/webp"
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            upload.reset();
            remove.reset();
          }}
          {...fieldErrorProps({ id: "avatar", error: message, hint: true })}
        />
        <FieldError id="avatar" error={message} />
      </div>
      {preview && (
        // A local object URL: next/image cannot optimise it.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={preview} alt={t("preview")} className="avatar" width={96} height={96} />
      )}
      <div className="actions">
        <button type="submit" disabled={busy || !file}>
          {upload.isPending ? t("uploading") : t("upload")}
        </button>
        {avatarUrl && (
          <button type="button" className="secondary" disabled={busy} onClick={() => remove.mutate()}>
            {t("remove")}
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          {t("close")}
        </button>
      </div>
    </form>
  );
}

/** With its own TanStack Query client: loaded with this component, not with the page. */
export function AvatarForm(props: { avatarUrl: string | null } & EditorProps) {
  return (
    <QueryProvider>
      <AvatarFormContent {...props} />
    </QueryProvider>
  );
}

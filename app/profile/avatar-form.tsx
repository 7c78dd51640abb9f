"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useState } from "react";
import { callApi } from "@/lib/web/call-api";
import { problemMessage } from "@/lib/web/problem-message";
import { FieldError, fieldErrorProps } from "@/lib/web/field-error";

/** Pick an image, see it, upload it; or remove the current one. The server checks the format and size. */
export function AvatarForm({ avatarUrl, onClose }: { avatarUrl: string | null; onClose: () => void }) {
  const router = useRouter();
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
      router.refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => callApi((api) => api.DELETE("/api/v1/profile/avatar")),
    onSuccess: () => router.refresh(),
  });
  const error = upload.error ?? remove.error;
  const message = error ? problemMessage(error) : undefined;
  const busy = upload.isPending || remove.isPending;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (file) upload.mutate(file);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Avatar upload">
      <div className="field">
        <label htmlFor="avatar-file">Avatar</label>
        <p className="hint" id="avatar-hint">
          A PNG, JPEG or WebP picture of at most 2 MB. It is cropped to a square.
        </p>
        <input
          id="avatar-file"
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
        <img src={preview} alt="Preview of the new avatar" className="avatar" width={96} height={96} />
      )}
      {upload.isSuccess && (
        <p className="ok" role="status">
          Avatar saved.
        </p>
      )}
      {remove.isSuccess && (
        <p className="ok" role="status">
          Avatar removed.
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || !file}>
          {upload.isPending ? "Uploading…" : "Upload avatar"}
        </button>
        {avatarUrl && (
          <button type="button" className="secondary" disabled={busy} onClick={() => remove.mutate()}>
            Remove avatar
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, lazy, type ReactNode, Suspense, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { EditorProps } from "./editor";

// The editors are loaded only when opened, so that they stay out of the page's first-load JavaScript.
const DetailsForm = lazy(() => import("./details-form").then((module) => ({ default: module.DetailsForm })));
const AvatarForm = lazy(() => import("./avatar-form").then((module) => ({ default: module.AvatarForm })));
const PhoneForm = lazy(() => import("./phone-form").then((module) => ({ default: module.PhoneForm })));

type Editor = "details" | "avatar" | "phone";

const subscribe = () => () => {};

interface AccountActionsProps {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  avatarUrl: string | null;
}

/**
 * Buttons that open the account editors in place. An opened editor takes the focus (its first field), closes on
 * Escape or Cancel, and gives the focus back to its button; results are announced through one live region.
 */
export function AccountActions(props: AccountActionsProps) {
  const t = useTranslations("Profile");
  const [open, setOpen] = useState<Editor | undefined>();
  const [announcement, setAnnouncement] = useState("");
  const lastOpened = useRef<Editor | undefined>(undefined);
  const buttons = useRef<Partial<Record<Editor, HTMLButtonElement | null>>>({});
  // Disabled in the server's HTML: a click before hydration would do nothing.
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);

  useEffect(() => {
    if (!open && lastOpened.current) buttons.current[lastOpened.current]?.focus();
  }, [open]);

  const openEditor = (editor: Editor) => {
    lastOpened.current = editor;
    setAnnouncement("");
    setOpen(editor);
  };
  const editorProps: EditorProps = { onClose: () => setOpen(undefined), announce: setAnnouncement };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      setOpen(undefined);
    }
  };

  let editor: ReactNode = null;
  if (open === "details") editor = <DetailsForm {...props} {...editorProps} />;
  if (open === "avatar") editor = <AvatarForm avatarUrl={props.avatarUrl} {...editorProps} />;
  if (open === "phone") editor = <PhoneForm {...editorProps} />;
  const button = (name: Editor, label: string) => (
    <button
      type="button"
      className="secondary"
      ref={(element) => {
        buttons.current[name] = element;
      }}
      disabled={!hydrated}
      onClick={() => openEditor(name)}
    >
      {label}
    </button>
  );
  return (
    <>
      {editor ? (
        <div className="editor" onKeyDown={onKeyDown}>
          <Suspense fallback={<p role="status">{t("loading")}</p>}>{editor}</Suspense>
        </div>
      ) : (
        <div className="actions">
          {button("details", t("editDetails"))}
          {button("avatar", t("changeAvatar"))}
          {button("phone", t("changePhone"))}
        </div>
      )}
      <p className="ok" role="status">
        {announcement}
      </p>
    </>
  );
}

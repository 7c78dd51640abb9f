"use client";

import { useTranslations } from "next-intl";
import { lazy, type ReactNode, Suspense, useState, useSyncExternalStore } from "react";

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

/** Buttons that open the account editors in place; each editor closes itself with Cancel. */
export function AccountActions(props: AccountActionsProps) {
  const t = useTranslations("Profile");
  const [open, setOpen] = useState<Editor | undefined>();
  // Disabled in the server's HTML: a click before hydration would do nothing.
  const hydrated = useSyncExternalStore(subscribe, () => true, () => false);
  const close = () => setOpen(undefined);
  let editor: ReactNode = null;
  if (open === "details") editor = <DetailsForm {...props} onClose={close} />;
  if (open === "avatar") editor = <AvatarForm avatarUrl={props.avatarUrl} onClose={close} />;
  if (open === "phone") editor = <PhoneForm onClose={close} />;
  return (
    <>
      {editor ? (
        <Suspense fallback={<p role="status">{t("loading")}</p>}>{editor}</Suspense>
      ) : (
        <div className="actions">
          <button type="button" className="secondary" disabled={!hydrated} onClick={() => setOpen("details")}>
            {t("editDetails")}
          </button>
          <button type="button" className="secondary" disabled={!hydrated} onClick={() => setOpen("avatar")}>
            {t("changeAvatar")}
          </button>
          <button type="button" className="secondary" disabled={!hydrated} onClick={() => setOpen("phone")}>
            {t("changePhone")}
          </button>
        </div>
      )}
    </>
  );
}

import { getTranslations } from "next-intl/server";
import type { InviteePage } from "@/lib/invites/schemas";
import { formatPhone } from "@/lib/phone/format-phone";
import type { Profile } from "@/lib/users/schemas";
import { codeText, errorTranslator, wordProblem } from "@/lib/web/problem-message";
import { AccountActions } from "./account-actions";
import { ActivateInviteForm } from "./activate-invite-form";
import { CopyInviteLink } from "./copy-invite-link";
import { DeleteAccount } from "./delete-account";
import { DateTime } from "../date-time";
import { InvitedUsersList } from "./invited-users-list";
import { SessionsSection } from "./sessions-section";

interface ProfileViewProps {
  profile: Profile;
  invitees: InviteePage;
  /** The outcome of `/login?ref=CODE`. */
  link: { code?: string; activated: boolean; errorCode?: string };
  /** PUBLIC_URL, for the invite link; unset: the page's own origin. */
  publicOrigin?: string;
}

/** The profile, rendered on the server; only the controls are client components. */
export async function ProfileView({ profile: me, invitees, link, publicOrigin }: ProfileViewProps) {
  const t = await getTranslations("Profile");
  const errors = await getTranslations("Errors");
  const linkError = link.code && link.errorCode ? wordProblem(codeText(link.errorCode), errorTranslator(errors)) : undefined;
  const total = invitees.total;
  const linkPending = Boolean(link.code && !link.activated && !link.errorCode);
  return (
    <>
      {linkError && (
        <div className="notice error-notice" role="alert">
          <p className="error">{t("linkNotActivated", { code: link.code ?? "" })}</p>
          <p>{linkError}</p>
        </div>
      )}
      {link.code && link.activated && me.activatedInviteCode === link.code && (
        <p className="notice" role="status">
          {t("linkActivated", { code: link.code })}
        </p>
      )}
      {linkPending && !me.activatedInviteCode && (
        <p className="notice" role="status">
          {t.rich("linkOpened", { code: link.code ?? "", field: (chunks) => <a href="#invite-code">{chunks}</a> })}
        </p>
      )}
      {linkPending && me.activatedInviteCode && me.activatedInviteCode !== link.code && (
        <p className="notice" role="status">
          {t("linkAlreadyActivated", { code: link.code ?? "", activated: me.activatedInviteCode })}
        </p>
      )}

      <section aria-labelledby="share-heading">
        <h2 id="share-heading">{t("shareHeading")}</h2>
        <p className="hint">{t("shareHint")}</p>
        <dl className="facts">
          <dt>{t("yourInviteCode")}</dt>
          <dd className="invite-code">{me.inviteCode}</dd>
        </dl>
        <CopyInviteLink code={me.inviteCode} publicOrigin={publicOrigin} />
      </section>

      <section aria-labelledby="invited-users-heading">
        <h2 id="invited-users-heading">{t("invitedUsers")}</h2>
        <p id="invited-users-count">{t("invitedCount", { count: total })}</p>
        {total > 0 && <InvitedUsersList first={invitees} />}
      </section>

      {!me.activatedInviteCode && (
        <section aria-labelledby="activate-heading">
          <h2 id="activate-heading">{t("activateHeading")}</h2>
          <ActivateInviteForm initialCode={link.code && !link.activated ? link.code : ""} focusOnOpen={linkPending} />
        </section>
      )}

      <section aria-labelledby="account-heading">
        <h2 id="account-heading">{t("accountHeading")}</h2>
        {me.avatarUrl && (
          // Served by the API as a 256 px WebP: nothing for next/image to optimise.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={me.avatarUrl} alt={t("avatarAlt")} className="avatar" width={96} height={96} />
        )}
        <dl className="facts">
          <dt>{t("name")}</dt>
          <dd>{[me.firstName, me.lastName].filter(Boolean).join(" ") || <span className="hint">{t("notSet")}</span>}</dd>
          <dt>{t("email")}</dt>
          <dd>{me.email ?? <span className="hint">{t("notSet")}</span>}</dd>
          <dt>{t("phone")}</dt>
          <dd>{formatPhone(me.phone)}</dd>
          {me.activatedInviteCode && (
            <>
              <dt>{t("activatedInviteCode")}</dt>
              <dd>
                <span className="invite-code">{me.activatedInviteCode}</span>
                {me.activatedAt && (
                  <>
                    {" "}
                    <span className="hint">{t.rich("activatedOn", { date: () => <DateTime iso={me.activatedAt!} /> })}</span>
                  </>
                )}
              </dd>
            </>
          )}
        </dl>
        <AccountActions firstName={me.firstName} lastName={me.lastName} email={me.email} avatarUrl={me.avatarUrl} />
        {me.isAdmin && (
          <p>
            <a href="/admin">{t("administration")}</a>
          </p>
        )}
      </section>

      <SessionsSection />
      <h2>{t("deleteHeading")}</h2>
      <DeleteAccount />
    </>
  );
}

import type { InviteePage } from "@/lib/invites/schemas";
import type { Profile } from "@/lib/users/schemas";
import { codeMessage } from "@/lib/web/problem-message";
import { AccountActions } from "./account-actions";
import { ActivateInviteForm } from "./activate-invite-form";
import { CopyInviteLink } from "./copy-invite-link";
import { DeleteAccount } from "./delete-account";
import { InvitedUsersList } from "./invited-users-list";
import { LocalTime } from "./local-time";
import { SessionsSection } from "./sessions-section";

interface ProfileViewProps {
  profile: Profile;
  invitees: InviteePage;
  /** The outcome of `/login?ref=CODE`: activated, or the code of the problem that refused it. */
  link: { code?: string; activated: boolean; errorCode?: string };
}

/** The profile, rendered on the server; only the controls are client components. */
export function ProfileView({ profile: me, invitees, link }: ProfileViewProps) {
  const linkError = link.code && link.errorCode ? codeMessage(link.errorCode) : undefined;
  const total = invitees.total;
  return (
    <>
      {linkError && (
        <div className="notice error-notice" role="alert">
          <p className="error">The invite code {link.code} from your link was not activated.</p>
          <p>{linkError}</p>
        </div>
      )}
      {link.code && link.activated && me.activatedInviteCode === link.code && (
        <p className="notice" role="status">
          Invite code {link.code} activated. Welcome!
        </p>
      )}
      {me.isAdmin && (
        <p>
          <a href="/admin">Administration</a>
        </p>
      )}
      {me.avatarUrl && (
        // Served by the API as a 256 px WebP: nothing for next/image to optimise.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={me.avatarUrl} alt="Your avatar" className="avatar" width={96} height={96} />
      )}
      <dl className="facts">
        <dt>Name</dt>
        <dd>{[me.firstName, me.lastName].filter(Boolean).join(" ") || <span className="hint">Not set</span>}</dd>
        <dt>E-mail</dt>
        <dd>{me.email ?? <span className="hint">Not set</span>}</dd>
        <dt>Phone</dt>
        <dd>{me.phone}</dd>
        <dt>Your invite code</dt>
        <dd className="invite-code">{me.inviteCode}</dd>
        {me.activatedInviteCode && (
          <>
            <dt>Activated invite code</dt>
            <dd>
              <span className="invite-code">{me.activatedInviteCode}</span>
              {me.activatedAt && (
                <>
                  {" "}
                  <span className="hint">
                    on <LocalTime iso={me.activatedAt} />
                  </span>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      <AccountActions firstName={me.firstName} lastName={me.lastName} email={me.email} avatarUrl={me.avatarUrl} />
      <h2>Share your invite code</h2>
      <p className="hint">Whoever signs in through this link activates your code and appears under Invited users.</p>
      <CopyInviteLink code={me.inviteCode} />
      {!me.activatedInviteCode && (
        <>
          <h2>Activate an invite code</h2>
          <ActivateInviteForm initialCode={link.code && !link.activated ? link.code : ""} />
        </>
      )}
      <section aria-labelledby="invited-users-heading">
        <h2 id="invited-users-heading">Invited users</h2>
        <p id="invited-users-count">
          {total === 0
            ? "Nobody has activated your invite code yet. Share your link!"
            : `${total} ${total === 1 ? "person has" : "people have"} activated your invite code.`}
        </p>
        {total > 0 && <InvitedUsersList first={invitees} />}
      </section>
      <SessionsSection />
      <h2>Delete account</h2>
      <DeleteAccount />
    </>
  );
}

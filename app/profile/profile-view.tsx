"use client";

import { useQuery } from "@tanstack/react-query";
import type { InviteePage } from "@/lib/invites/schemas";
import type { Profile } from "@/lib/users/schemas";
import { apiFetch } from "@/lib/web/api-fetch";
import { ApiProblem } from "@/lib/web/api-problem";
import { problemMessage } from "@/lib/web/problem-message";
import { ActivateInviteForm } from "./activate-invite-form";
import { CopyInviteLink } from "./copy-invite-link";
import { InvitedUsers } from "./invited-users";
import { LocalTime } from "./local-time";
import { SignOutButton } from "./sign-out-button";

interface ProfileViewProps {
  /** Rendered on the server when the access cookie was valid; otherwise fetched after a refresh. */
  initial?: { profile: Profile; invitees: InviteePage };
  /** The outcome of `/login?ref=CODE`. */
  link: { code?: string; activated: boolean; error?: string };
}

export function ProfileView({ initial, link }: ProfileViewProps) {
  const profile = useQuery({
    queryKey: ["profile"],
    queryFn: () => apiFetch<Profile>("/api/v1/profile"),
    initialData: initial?.profile,
  });

  if (profile.isPending) return <p aria-busy="true">Loading your profile…</p>;
  if (profile.isError) {
    return (
      <p className="error" role="alert">
        {problemMessage(profile.error)}
      </p>
    );
  }
  const me = profile.data;
  const linkError = link.code && link.error ? problemMessage(new ApiProblem(400, link.error, "The code could not be activated.")) : undefined;

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
      <dl className="facts">
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
      <h2>Share your invite code</h2>
      <p className="hint">Whoever signs in through this link activates your code and appears under Invited users.</p>
      <CopyInviteLink code={me.inviteCode} />
      {!me.activatedInviteCode && (
        <>
          <h2>Activate an invite code</h2>
          <ActivateInviteForm initialCode={link.code && !link.activated ? link.code : ""} />
        </>
      )}
      <InvitedUsers initial={initial?.invitees} />
      <h2>Session</h2>
      <div className="actions">
        <SignOutButton />
      </div>
    </>
  );
}

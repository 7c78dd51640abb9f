import "server-only";
import type { Database } from "@/db";
import { ApiError } from "@/lib/errors/api-error";
import { normalizePhone } from "@/lib/phone/normalize-phone";
import { setAdminByPhone } from "./set-admin-by-phone";

export const ADMIN_USAGE = `Usage: npm run admin -- grant <phone>
       npm run admin -- revoke <phone> [--force]

Grants or revokes the administrator right of an existing account (it exists once the phone has signed in).
<phone> is E.164 (+79991234567) or a national number of DEFAULT_PHONE_REGION.
revoke refuses to leave the service without an administrator who can sign in, unless --force.`;

export interface AdminCommandResult {
  /** 0 done (or nothing to do), 1 refused (unknown phone, last administrator), 2 bad arguments. */
  exitCode: 0 | 1 | 2;
  output: string;
}

/** `npm run admin -- …` without the process around it: parses the arguments, changes the account, says what happened. */
export async function runAdminCommand({ args, connect }: { args: string[]; connect: () => Promise<Database> }): Promise<AdminCommandResult> {
  const force = args.includes("--force");
  const [action, phoneArgument, ...rest] = args.filter((arg) => arg !== "--force");
  if ((action !== "grant" && action !== "revoke") || !phoneArgument || rest.length > 0 || (force && action !== "revoke")) {
    return { exitCode: 2, output: ADMIN_USAGE };
  }
  let phone: string;
  try {
    phone = normalizePhone({ phone: phoneArgument });
  } catch (error) {
    // normalizePhone's only failure: 400 invalid_phone, whose detail quotes the input.
    return { exitCode: 2, output: `${(error as Error).message} Give the phone as +79991234567.` };
  }

  try {
    const { change, isBlocked } = await setAdminByPhone({ db: await connect(), phone, isAdmin: action === "grant", force });
    const blockedNote = isBlocked ? " The account is blocked: it cannot sign in until an administrator unblocks it." : "";
    const output = {
      granted: `${phone} is now an administrator.${blockedNote}`,
      already_admin: `${phone} is already an administrator; nothing changed.${blockedNote}`,
      revoked: `${phone} is no longer an administrator.`,
      not_admin: `${phone} is not an administrator; nothing changed.`,
    }[change];
    return { exitCode: 0, output };
  } catch (error) {
    if (error instanceof ApiError && error.code === "not_found") {
      return { exitCode: 1, output: `${error.message} An account is made at the phone's first sign-in: sign in once, then grant it.` };
    }
    if (error instanceof ApiError && error.code === "last_admin") {
      return {
        exitCode: 1,
        output: `${error.message} Grant another account first, or repeat with --force to leave the service without one.`,
      };
    }
    throw error;
  }
}

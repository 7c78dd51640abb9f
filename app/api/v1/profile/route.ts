import { route } from "@/lib/http/route";
import { getProfile } from "@/lib/users/get-profile";

// GET /api/v1/profile – the signed-in user's profile with the first page of invitees
export const GET = route({ auth: "user" }, async ({ db, auth }) => getProfile({ db, user: auth.user }));

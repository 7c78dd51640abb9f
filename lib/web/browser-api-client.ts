import { createApiClient } from "@/lib/api-client/create-api-client";
import { sessionRefresh } from "./session-refresh";

/** The web pages' one client of the API: same-origin, signed in by the session cookies, with the one session refresh. */
export const browserApiClient = createApiClient({ baseUrl: "", credentials: "same-origin", middleware: [sessionRefresh()] });

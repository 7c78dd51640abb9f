import { listOutbox } from "@/lib/dev/list-outbox";
import { outboxQuery } from "@/lib/dev/schemas";
import { route } from "@/lib/http/route";

// GET /api/v1/dev/sms – the simulated SMS outbox, newest first (only with SMS_PROVIDER=simulated)
export const GET = route({ query: outboxQuery }, async ({ db, query }) => listOutbox({ db, phone: query.phone }));

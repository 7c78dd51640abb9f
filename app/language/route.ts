import { localeCookie } from "@/lib/i18n/locale-cookie";
import { isLocale } from "@/lib/i18n/locales";
import { refererPath } from "@/lib/web/same-origin-path";

// POST /language – the pages' language switch (a plain form in the header): remembers the choice in the `locale`
// cookie and sends the browser back to the page it came from, now rendered in that language. Only the path of the
// Referer is kept, so the answer never leads to another site.
export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => undefined);
  const locale = form?.get("locale");
  const headers = new Headers({ location: refererPath(request.headers.get("referer")), "cache-control": "no-store" });
  if (isLocale(locale)) headers.set("set-cookie", localeCookie(locale));
  return new Response(null, { status: 303, headers });
}

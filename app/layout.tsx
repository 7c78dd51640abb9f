import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { env } from "@/lib/config/env";
import { OTHER_LOCALE } from "@/lib/i18n/locales";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Layout");
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render every page on request: its inline scripts need the nonce of that request's CSP (see proxy.ts).
  await connection();
  const locale = await getLocale();
  const t = await getTranslations("Layout");
  const other = OTHER_LOCALE[locale];
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#main">
          {t("skipLink")}
        </a>
        {env().DEMO_MODE && (
          <p className="demo-banner" role="note">
            {t("demoBanner")}
          </p>
        )}
        <header className="site-header">
          {/* Plain links: next/link's prefetching would add ~3 kB to every page's first-load JavaScript. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
          <a href="/" className="brand">
            {/* The product's mark: a phone, as in app/icon.svg. */}
            <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
              <rect width="32" height="32" rx="7" fill="#0b5cad" />
              <rect x="10" y="5" width="12" height="22" rx="2.5" fill="none" stroke="#fff" strokeWidth="2.5" />
              <circle cx="16" cy="22.5" r="1.5" fill="#fff" />
            </svg>
            {t("brand")}
          </a>
          {/* A plain form: it works before the page's JavaScript has loaded, and the answer reloads the page in
              the chosen language (app/language/route.ts sets the `locale` cookie and sends the browser back). */}
          <form method="post" action="/language" className="language-switch">
            <input type="hidden" name="locale" value={other.locale} />
            <button type="submit" className="link" lang={other.locale}>
              {other.name}
            </button>
          </form>
        </header>
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}

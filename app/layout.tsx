import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { env } from "@/lib/config/env";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Phone referrals", template: "%s · Phone referrals" },
  description: "Sign in with a one-time SMS code, share your invite code and see who joined with it.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render every page on request: its inline scripts need the nonce of that request's CSP (see proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {env().DEMO_MODE && (
          <p className="demo-banner" role="note">
            Demo: codes are shown on screen. Do not use a phone number or data you want to keep private.
          </p>
        )}
        <header className="site-header">
          {/* Plain links: next/link's prefetching would add ~3 kB to every page's first-load JavaScript. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- see above */}
          <a href="/" className="brand">
            Phone referrals
          </a>
        </header>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getPageSession } from "@/lib/sessions/get-page-session";
import { normalizeRefCode } from "@/lib/web/normalize-ref-code";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const refCode = normalizeRefCode((await searchParams).ref);
  const session = await getPageSession();
  if (session.state === "signed-in") redirect(refCode ? `/profile?ref=${refCode}` : "/profile");
  return (
    <main id="main">
      <h1>Sign in</h1>
      {refCode && (
        <p className="notice">
          You were invited with the code <strong>{refCode}</strong>. It will be activated when you sign in.
        </p>
      )}
      <p className="hint">We will send a one-time code by SMS. A new number gets an account on its first sign-in.</p>
      <LoginForm refCode={refCode} />
    </main>
  );
}

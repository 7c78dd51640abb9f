import { getPageSession } from "@/lib/sessions/get-page-session";

export default async function HomePage() {
  const session = await getPageSession();
  const signedIn = session.state !== "signed-out";
  return (
    <main id="main">
      <h1>Sign in with your phone, invite your friends</h1>
      <p>
        Sign in with a one-time code sent by SMS — no password. Your account gets its own invite code: share the link,
        activate the code of the person who invited you, and see everyone who joined with yours.
      </p>
      <p className="actions">
        <a className="button" href={signedIn ? "/profile" : "/login"}>
          {signedIn ? "Open your profile" : "Sign in with your phone"}
        </a>
      </p>
      <h2>For developers</h2>
      <p>
        Everything the pages do goes through the REST API under <code>/api/v1</code>; its documentation is at{" "}
        <a href="/redoc">/redoc</a>.
      </p>
      <p>
        <a href="/redoc">API documentation</a> (<a href="/api/openapi.json">OpenAPI 3.1</a>)
      </p>
    </main>
  );
}

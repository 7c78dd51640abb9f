export default function HomePage() {
  return (
    <main>
      <h1>Phone referrals</h1>
      <p>Sign in with a one-time SMS code, get your own invite code, activate a friend&apos;s, and see who joined with yours.</p>
      <p>
        The REST API lives under <code>/api/v1</code>.
      </p>
      <p>
        <a href="/redoc">API documentation</a> (<a href="/api/openapi.json">OpenAPI 3.1</a>)
      </p>
    </main>
  );
}

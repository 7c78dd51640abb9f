/** Values shared by playwright.config.ts and the specs. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3200);
export const BASE_URL = `http://localhost:${E2E_PORT}`;
/** Short enough for the resend test to wait it out. */
export const OTP_RESEND_SECONDS = 3;
/** How many wrong tries burn a code (the server's default). */
export const OTP_MAX_ATTEMPTS = 3;

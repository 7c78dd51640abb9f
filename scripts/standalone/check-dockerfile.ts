import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv as parseDotenv } from "node:util";
import { parseEnv } from "../../lib/config/env";
import type { Stage } from "./parse-dockerfile";
import type { Reporter } from "./reporter";

/** What the Dockerfile promises: the base image, stages, user, health check, command, environment, no secrets. */
export function checkDockerfile({ stages, reporter }: { stages: Stage[]; reporter: Reporter }): void {
  const runtime = stages.at(-1)!;
  const image = baseImage(stages, runtime);
  const checks: [string, boolean, string][] = [
    ["Dockerfile: an official Node.js 24 LTS image", /^node:24(-[\w.-]+)?$/.test(image), image],
    ["Dockerfile: multi-stage, the runtime stage copies only from build stages", stages.length >= 3 && runtime.copies.every((copy) => copy.from !== "context"), `${stages.length} stages`],
    ["Dockerfile: runs as a non-root user", Boolean(runtime.user) && !/^(root|0)(:|$)/.test(runtime.user ?? ""), runtime.user ?? "no USER"],
    ["Dockerfile: HEALTHCHECK on /api/health", runtime.healthcheck?.join(" ").includes("/api/health") === true, runtime.healthcheck?.join(" ") ?? "none"],
    ["Dockerfile: CMD node cluster.mjs (the launcher)", runtime.cmd?.join(" ") === "node cluster.mjs", runtime.cmd?.join(" ") ?? "none"],
    [
      "Dockerfile: NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0",
      runtime.env.NODE_ENV === "production" && runtime.env.PORT === "3000" && runtime.env.HOSTNAME === "0.0.0.0",
      JSON.stringify(runtime.env),
    ],
    [
      "Dockerfile: no secret in ENV or ARG",
      !stages.some((stage) => Object.keys(stage.env).some((key) => /SECRET|PASSWORD|API_KEY|TOKEN|DATABASE_URL/.test(key))),
      "JWT_SECRET, passwords and keys come from the environment at run time",
    ],
  ];
  for (const [name, ok, detail] of checks) {
    if (ok) reporter.pass(name);
    else reporter.fail(name, detail);
  }
  const major = process.versions.node.split(".")[0];
  if (major !== "20") reporter.info(`this host runs Node.js ${process.versions.node}; the image runs Node.js 20`);
}

/** .env.sample names every variable lib/config/env.ts reads, and its values pass that module in production. */
export function checkEnvSample({ repoRoot, reporter }: { repoRoot: string; reporter: Reporter }): void {
  const text = readFileSync(path.join(repoRoot, ".env.sample"), "utf8");
  const schema = readFileSync(path.join(repoRoot, "lib/config/env.ts"), "utf8").split("const envSchema = z")[1]?.split(".superRefine")[0] ?? "";
  const variables = [...schema.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!).filter((name) => name !== "NODE_ENV");
  const undocumented = variables.filter((name) => !new RegExp(`^(# )?${name}=`, "m").test(text));
  if (!variables.length || undocumented.length) reporter.fail(".env.sample documents every variable of lib/config/env.ts", `missing: ${undocumented.join(", ") || "(no variables found)"}`);
  else reporter.pass(".env.sample documents every variable of lib/config/env.ts", `${variables.length} variables`);
  try {
    parseEnv({ ...parseDotenv(text), NODE_ENV: "production", JWT_SECRET: "x".repeat(48), SMS_PROVIDER: "simulated", DEMO_MODE: "true" });
    reporter.pass(".env.sample: its values are valid in production once the required ones are set");
  } catch (error) {
    reporter.fail(".env.sample: its values are valid in production once the required ones are set", error instanceof Error ? error.message : String(error));
  }
}

/** The image a stage starts from, through the stages it builds on. */
export function baseImage(stages: Stage[], stage: Stage): string {
  const parent = stages.find((candidate) => candidate.name === stage.base);
  return parent ? baseImage(stages, parent) : stage.base;
}

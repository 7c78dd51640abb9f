import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Stage } from "./parse-dockerfile";
import type { Reporter } from "./reporter";
import { tail } from "./run-server";

/** Runs the build stage's RUN lines here with its ENV, as `docker build` would; or checks that the last build is fresh. */
export async function build({ stages, repoRoot, reporter }: { stages: Stage[]; repoRoot: string; reporter: Reporter }): Promise<boolean> {
  const source = stages.find((stage) => stage.copies.some((copy) => copy.from === "context" && copy.sources[0] === "."));
  if (!source) {
    reporter.fail("build", "no stage copies the build context");
    return false;
  }
  const runs = source.instructions.filter((instruction) => instruction.startsWith("RUN ")).map((instruction) => instruction.slice(4).replace(/^(--\S+\s+)*/, ""));
  if (process.env.SKIP_BUILD === "1") {
    return Boolean(await reporter.check("build: SKIP_BUILD=1 reuses a fresh standalone build", () => buildIsFresh(repoRoot), (detail) => detail));
  }
  const result = await reporter.check(`build: ${runs.join(" && ")} (stage "${source.name}", ${Object.entries(source.env).map(([key, value]) => `${key}=${value}`).join(" ")})`, () => {
    const begun = Date.now();
    for (const run of runs) {
      const outcome = spawnSync("sh", ["-c", run], { cwd: repoRoot, env: { ...process.env, ...source.env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      if (outcome.status !== 0) throw new Error(`"${run}" exited ${outcome.status}:\n${tail(`${outcome.stdout}${outcome.stderr}`, 40)}`);
    }
    return `${((Date.now() - begun) / 1000).toFixed(1)} s`;
  }, (seconds) => seconds);
  return result !== undefined;
}

function buildIsFresh(repoRoot: string): string {
  const buildId = path.join(repoRoot, ".next/BUILD_ID");
  const standaloneId = path.join(repoRoot, ".next/standalone/.next/BUILD_ID");
  if (!existsSync(standaloneId)) throw new Error("no .next/standalone: build with the Dockerfile's build stage first (BUILD_STANDALONE=1), or unset SKIP_BUILD");
  if (readFileSync(buildId, "utf8") !== readFileSync(standaloneId, "utf8")) throw new Error(".next/standalone is left from an earlier build than .next: rebuild with BUILD_STANDALONE=1, or unset SKIP_BUILD");
  const builtAt = statSync(buildId).mtimeMs;
  const newer = sourceFiles(repoRoot).filter((file) => statSync(file).mtimeMs > builtAt);
  if (newer.length) throw new Error(`sources changed after the build: ${newer.slice(0, 5).map((file) => path.relative(repoRoot, file)).join(", ")}`);
  return `build ${readFileSync(buildId, "utf8").trim()}`;
}

/** The files a build reads, tracked or new. */
function sourceFiles(repoRoot: string): string[] {
  const listed = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "app", "lib", "db", "drizzle", "public", "instrumentation.ts", "next.config.mjs", "package-lock.json"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  return listed.split("\n").filter(Boolean).map((file) => path.join(repoRoot, file)).filter((file) => existsSync(file));
}

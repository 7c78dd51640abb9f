import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import type { Stage } from "./parse-dockerfile";

/** What the runtime stage may do; anything else could not be reproduced on the host. */
const reproducible = new Set(["ENV", "WORKDIR", "COPY", "USER", "EXPOSE", "HEALTHCHECK", "CMD", "LABEL", "STOPSIGNAL"]);

export interface RuntimeLayout {
  stage: Stage;
  /** The container's `/` on the host. */
  rootfs: string;
  /** WORKDIR of the runtime stage on the host. */
  workdir: string;
  copied: string[];
}

/**
 * Lays out the Dockerfile's last stage under `rootfs` as its COPY --from lines do in the image: a
 * directory's contents go into the destination, a file into it (trailing slash) or onto it. Build-stage
 * paths are read from the repository, which is the build stage's `COPY . .` folder after the build.
 */
export function layOutRuntime({ stages, repoRoot, rootfs }: { stages: Stage[]; repoRoot: string; rootfs: string }): RuntimeLayout {
  const stage = stages.at(-1);
  if (!stage) throw new Error("Dockerfile: no stage");
  for (const instruction of stage.instructions) {
    const keyword = instruction.split(" ", 1)[0]!;
    if (!reproducible.has(keyword)) {
      throw new Error(`Dockerfile: the runtime stage's "${instruction}" is not reproduced on the host; keep that stage to ${[...reproducible].join(", ")}`);
    }
  }
  const copied: string[] = [];
  for (const copy of stage.copies) {
    const source = stages.find((candidate) => candidate.name === copy.from);
    if (!source) throw new Error(`Dockerfile: the runtime stage copies from "${copy.from}", which is not a stage (no files from the context at run time)`);
    const contextRoot = contextFolder(stages, source);
    for (const from of copy.sources) {
      const relative = path.posix.relative(contextRoot, from);
      if (relative.startsWith("..") || path.posix.isAbsolute(relative)) {
        throw new Error(`Dockerfile: ${from} is outside the build folder ${contextRoot}`);
      }
      const hostSource = path.join(repoRoot, relative);
      if (!existsSync(hostSource)) throw new Error(`COPY --from=${copy.from} ${from}: ${hostSource} does not exist (was the build stage run?)`);
      const hostDestination = path.join(rootfs, copy.destination);
      if (statSync(hostSource).isDirectory()) {
        mkdirSync(hostDestination, { recursive: true });
        // -a keeps the relative symlinks that Next.js leaves in .next/node_modules, as COPY does.
        execFileSync("cp", ["-a", `${hostSource}/.`, hostDestination]);
      } else {
        const target = copy.destination.endsWith("/") ? path.join(hostDestination, path.basename(hostSource)) : hostDestination;
        mkdirSync(path.dirname(target), { recursive: true });
        execFileSync("cp", ["-a", hostSource, target]);
      }
      copied.push(`${from} -> ${copy.destination}`);
    }
  }
  const workdir = path.join(rootfs, stage.workdir);
  mkdirSync(workdir, { recursive: true });
  return { stage, rootfs, workdir, copied };
}

/** The folder into which a stage (or a stage it starts from) copied the whole build context. */
function contextFolder(stages: Stage[], stage: Stage): string {
  const whole = stage.copies.find((copy) => copy.from === "context" && copy.sources.length === 1 && copy.sources[0] === ".");
  if (whole) return whole.destination.replace(/\/$/, "");
  const parent = stages.find((candidate) => candidate.name === stage.base);
  if (parent) return contextFolder(stages, parent);
  throw new Error(`Dockerfile: stage "${stage.name}" never copies the build context (COPY . .)`);
}

/** Files that must never reach the image: .dockerignore keeps them out of the build, Next.js would copy them. */
export function removeEnvFiles({ workdir }: { workdir: string }): string[] {
  const removed: string[] = [];
  for (const name of [".env", ".env.production", ".env.local", ".env.production.local"]) {
    const file = path.join(workdir, name);
    if (existsSync(file)) {
      rmSync(file);
      removed.push(name);
    }
  }
  return removed;
}

import { readFileSync } from "node:fs";
import path from "node:path";

export interface CopyStep {
  from: string;
  sources: string[];
  destination: string;
  chown?: string;
}

export interface Stage {
  name: string;
  /** The image or the earlier stage this one starts from. */
  base: string;
  env: Record<string, string>;
  workdir: string;
  user?: string;
  copies: CopyStep[];
  /** Instructions of this stage in order, as `KEYWORD arguments`. */
  instructions: string[];
  healthcheck?: string[];
  cmd?: string[];
}

/**
 * A small reader for our own Dockerfile: enough to reproduce its runtime stage on the host (copies,
 * environment, user, health check, command). It throws on forms it does not understand, so that a change
 * to the Dockerfile cannot silently escape the host check.
 */
export function parseDockerfile({ file }: { file: string }): Stage[] {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of logicalLines(readFileSync(file, "utf8"))) {
    const [, keyword = "", rest = ""] = /^(\S+)\s*(.*)$/s.exec(line) ?? [];
    const instruction = keyword.toUpperCase();
    if (instruction === "ARG" && stages.length === 0) {
      const [name = "", value = ""] = rest.split("=", 2);
      args[name.trim()] = value.trim();
      continue;
    }
    if (instruction === "FROM") {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest.trim());
      if (!match) throw new Error(`Dockerfile: cannot read "FROM ${rest}"`);
      const base = substitute(match[1]!, args);
      const parent = stages.find((stage) => stage.name === base);
      stages.push({
        name: match[2] ?? String(stages.length),
        base,
        env: { ...parent?.env },
        workdir: parent?.workdir ?? "/",
        user: parent?.user,
        copies: [],
        instructions: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile: ${instruction} before FROM`);
    stage.instructions.push(`${instruction} ${rest}`);
    switch (instruction) {
      case "ENV":
        Object.assign(stage.env, parseEnvInstruction(rest));
        break;
      case "WORKDIR":
        stage.workdir = path.posix.resolve(stage.workdir, rest.trim());
        break;
      case "USER":
        stage.user = rest.trim();
        break;
      case "COPY":
        stage.copies.push(parseCopy(rest, stage.workdir));
        break;
      case "HEALTHCHECK":
        stage.healthcheck = execForm(rest.replace(/^(--\S+\s+)*CMD\s+/, ""), "HEALTHCHECK");
        break;
      case "CMD":
        stage.cmd = execForm(rest, "CMD");
        break;
    }
  }
  return stages;
}

/** Joins `\` continuations and drops comments and blank lines. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("#") || (!line && !pending)) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    lines.push(`${pending}${line}`.trim());
    pending = "";
  }
  if (pending) lines.push(pending.trim());
  return lines;
}

function substitute(value: string, args: Record<string, string>): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? "";
    if (!(name in args)) throw new Error(`Dockerfile: unknown ARG ${name}`);
    return args[name]!;
  });
}

function parseEnvInstruction(rest: string): Record<string, string> {
  const values: Record<string, string> = {};
  const pattern = /(\w+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  const consumed = rest.replace(pattern, (_, key: string, raw: string) => {
    values[key] = raw.startsWith('"') || raw.startsWith("'") ? raw.slice(1, -1) : raw;
    return "";
  });
  if (consumed.trim()) throw new Error(`Dockerfile: use ENV KEY=value, not "ENV ${rest}"`);
  return values;
}

function parseCopy(rest: string, workdir: string): CopyStep {
  const words = rest.trim().split(/\s+/);
  const options = new Map<string, string>();
  while (words[0]?.startsWith("--")) {
    const [key = "", value = ""] = words.shift()!.slice(2).split("=", 2);
    options.set(key, value);
  }
  for (const key of options.keys()) {
    if (key !== "from" && key !== "chown") throw new Error(`Dockerfile: COPY --${key} is not reproduced on the host`);
  }
  if (words.length < 2) throw new Error(`Dockerfile: cannot read "COPY ${rest}"`);
  const destination = words.pop()!;
  return {
    from: options.get("from") ?? "context",
    sources: words,
    // Docker keeps a trailing slash meaningful ("into this folder"); so do we.
    destination: path.posix.resolve(workdir, destination) + (destination.endsWith("/") ? "/" : ""),
    chown: options.get("chown"),
  };
}

function execForm(rest: string, instruction: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest);
  } catch {
    throw new Error(`Dockerfile: ${instruction} must use the exec form ["…", "…"]`);
  }
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === "string")) {
    throw new Error(`Dockerfile: ${instruction} must be a JSON array of strings`);
  }
  return parsed;
}

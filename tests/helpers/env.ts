import { resetEnvCache } from "@/lib/config/env";

/** Sets environment variables (undefined removes one) until the returned function restores them. */
export function setEnv(variables: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  apply(variables);
  return () => apply(saved);
}

function apply(variables: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(variables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetEnvCache();
}

import { describeReasons, type ProblemReason, type SharedProblem, sharedProblems } from "./generated-problems";
import { isObject, type Json } from "./schema-refs";

export const RESPONSE_REF = "#/components/responses/";

/** The error codes a description names in backticks. */
export function namedCodes(description: unknown): Set<string> {
  return new Set([...(typeof description === "string" ? description : "").matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!));
}

/**
 * Adds the shared problems to an operation's responses. A status the block does not document and that one
 * shared problem covers becomes a reference to it; otherwise the descriptions merge into one response: the
 * block's words first, then the generated reasons for every code the block does not name (a block that names a
 * generated code explains that code itself). Answers the responses in status order and the shared ones used.
 */
export function mergeProblemResponses({ responses, problems }: { responses: Json; problems: SharedProblem[] }): {
  responses: Json;
  referenced: SharedProblem[];
} {
  const merged: Json = { ...responses };
  const referenced: SharedProblem[] = [];
  const byStatus = new Map<string, SharedProblem[]>();
  for (const problem of problems) {
    const { status } = sharedProblems[problem];
    byStatus.set(status, [...(byStatus.get(status) ?? []), problem]);
  }
  for (const [status, shared] of byStatus) {
    const written = merged[status];
    if (written === undefined && shared.length === 1) {
      merged[status] = { $ref: `${RESPONSE_REF}${shared[0]}` };
      referenced.push(shared[0]!);
      continue;
    }
    const block = isObject(written) ? written : {};
    const named = namedCodes(block.description);
    const reasons = shared.flatMap((problem): readonly ProblemReason[] => sharedProblems[problem].reasons).filter(({ code }) => !named.has(code));
    const description = [block.description as string | undefined, describeReasons(reasons)].filter(Boolean).join(" ");
    merged[status] = { ...block, description };
  }
  const ordered = Object.keys(merged).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  return { responses: Object.fromEntries(ordered.map((status) => [status, merged[status]])), referenced };
}

/** The shared responses the operations reference, each described by its reasons. */
export function sharedProblemResponses(referenced: Iterable<SharedProblem>): Record<string, Json> {
  const names = [...new Set(referenced)].sort();
  return Object.fromEntries(names.map((name) => [name, { description: describeReasons(sharedProblems[name].reasons) }]));
}

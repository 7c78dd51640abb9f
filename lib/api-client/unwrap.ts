import { ApiProblem } from "./api-problem";

/** What openapi-fetch answers: `data` on success, `error` (the parsed body) otherwise. */
export type Answer = { data?: unknown; error?: unknown; response: Response };
/** The data of the success branch of an answer. */
export type DataOf<A> = A extends { data: infer Data; error?: never } ? Data : never;

/**
 * The data of a successful answer, or an {@link ApiProblem}: the error answer's problem+json, or status 0
 * with `network_error` when the server could not be reached.
 *
 *     const profile = await unwrap(api.GET("/api/v1/profile"));
 */
export async function unwrap<A extends Answer>(pending: Promise<A>): Promise<DataOf<A>> {
  let answer: A;
  try {
    answer = await pending;
  } catch (error) {
    throw error instanceof ApiProblem ? error : ApiProblem.networkError(error);
  }
  if (!answer.response.ok) throw ApiProblem.fromAnswer(answer.error, answer.response);
  return answer.data as DataOf<A>;
}

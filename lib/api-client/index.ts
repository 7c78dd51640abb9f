export { ApiProblem, type FieldError, type ProblemCode, type RateLimitName } from "./api-problem";
export { type ApiClient, type ApiClientOptions, createApiClient, type Middleware } from "./create-api-client";
export { unwrap } from "./unwrap";
export type { components, operations, paths } from "./schema.generated";

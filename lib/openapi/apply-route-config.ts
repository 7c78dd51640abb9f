import { z } from "zod";
import { impliedProblems, type SharedProblem } from "./generated-problems";
import { mergeProblemResponses } from "./merge-problem-responses";
import type { DocumentedRouteConfig } from "./route-config";
import { isObject, type Json, SCHEMA_REF } from "./schema-refs";
import { applySuccessResponse } from "./success-response";
import { zodParameters } from "./zod-parameters";

const SIGNED_IN = [{ bearerAuth: [] }, { cookieAuth: [] }];

function security(auth: DocumentedRouteConfig["auth"]): Json[] {
  if (auth === "user" || auth === "admin") return SIGNED_IN;
  if (auth === "optional") return [...SIGNED_IN, {}];
  return [];
}

function requestBody(where: string, config: DocumentedRouteConfig & { body: z.ZodType }): Json {
  const schema = config.body instanceof z.ZodOptional ? (config.body.unwrap() as z.ZodType) : config.body;
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error(`${where}: give the body schema a component name, .meta({ id: "…Request" }).`);
  return { required: !config.bodyOptional, content: { "application/json": { schema: { $ref: `${SCHEMA_REF}${id}` } } } };
}

function parameters(where: string, urlPath: string, written: Json[], config: DocumentedRouteConfig): Json[] {
  if (config.query && written.some((parameter) => parameter.in === "query")) {
    throw new Error(`${where}: the query parameters are generated from route({ query }); remove them from the block.`);
  }
  const writtenPath = new Set(written.filter((parameter) => parameter.in === "path").map((parameter) => parameter.name));
  const all = [
    ...written,
    ...(config.params ? zodParameters(config.params, "path").filter((parameter) => !writtenPath.has(parameter.name)) : []),
    ...(config.query ? zodParameters(config.query, "query") : []),
  ];
  for (const [, name] of urlPath.matchAll(/\{(\w+)\}/g)) {
    if (!all.some((parameter) => parameter.in === "path" && parameter.name === name)) {
      throw new Error(`${where}: document the path parameter {${name}} (in the block, or with route({ params })).`);
    }
  }
  return all;
}

/**
 * Completes an operation from its handler's `route()` configuration: security from `auth`, the success answer from
 * `response`, the request body from `body`, parameters from `params` and `query`, and the shared problem answers they imply. What is generated must
 * not be written in the block too. Handlers that do not use route() are public (`security: []`). Answers the
 * shared responses the operation references.
 */
export function applyRouteConfig({ urlPath, method, operation, config }: {
  urlPath: string;
  method: string;
  operation: Json;
  config?: DocumentedRouteConfig;
}): SharedProblem[] {
  const where = `${method.toUpperCase()} ${urlPath}`;
  if (!config) {
    operation.security ??= [];
    return [];
  }
  if ("security" in operation) throw new Error(`${where}: security is generated from route({ auth }); remove it from the block.`);
  operation.security = security(config.auth);
  if (config.body) {
    if ("requestBody" in operation) throw new Error(`${where}: the request body is generated from route({ body }); remove it from the block.`);
    operation.requestBody = requestBody(where, { ...config, body: config.body });
  }
  const written = Array.isArray(operation.parameters) ? operation.parameters.filter(isObject) : [];
  const all = parameters(where, urlPath, written, config);
  if (all.length > 0) operation.parameters = all;
  const writtenResponses = isObject(operation.responses) ? operation.responses : {};
  const { responses, referenced } = mergeProblemResponses({
    responses: config.response ? applySuccessResponse({ where, responses: writtenResponses, response: config.response }) : writtenResponses,
    problems: impliedProblems(config, method),
  });
  operation.responses = responses;
  return referenced;
}

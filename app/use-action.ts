"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { ApiProblem } from "@/lib/api-client/api-problem";
import { sessionEndedPath } from "@/lib/web/login-reason";

export interface Action<I, O> {
  mutate: (input: I) => void;
  reset: () => void;
  isPending: boolean;
  isSuccess: boolean;
  isError: boolean;
  data: O | undefined;
  error: unknown;
  variables: I | undefined;
}

interface ActionOptions<I, O> {
  onSuccess?: (data: O, input: I) => void;
  onError?: (error: unknown, input: I) => void;
}

type State<I, O> =
  | { status: "idle"; data?: undefined; error?: undefined; variables?: undefined }
  | { status: "pending"; data?: undefined; error?: undefined; variables: I }
  | { status: "success"; data: O; error?: undefined; variables: I }
  | { status: "error"; data?: undefined; error: unknown; variables: I };

/**
 * One request a form sends, with its pending, success and error states (the shape of TanStack Query's
 * useMutation, without its cache). The pages' first-load components use this, so that TanStack Query is loaded
 * only with the parts that list or cache (invitee pages, editors, the simulated SMS). A session that has ended
 * sends the page to /login, as the query clients do.
 */
export function useAction<I, O>(action: (input: I) => Promise<O>, options: ActionOptions<I, O> = {}): Action<I, O> {
  const [state, setState] = useState<State<I, O>>({ status: "idle" });
  const latest = useRef({ action, options });
  useEffect(() => {
    latest.current = { action, options };
  });
  const run = useRef(0);

  const mutate = useCallback((input: I) => {
    const id = ++run.current;
    setState({ status: "pending", variables: input });
    latest.current.action(input).then(
      (data) => {
        if (id !== run.current) return;
        setState({ status: "success", data, variables: input });
        latest.current.options.onSuccess?.(data, input);
      },
      (error: unknown) => {
        if (id !== run.current) return;
        setState({ status: "error", error, variables: input });
        if (error instanceof ApiProblem && (error.sessionEnded || error.code === "account_blocked") && window.location.pathname !== "/login") window.location.assign(sessionEndedPath(error.code, window.location.pathname + window.location.search));
        latest.current.options.onError?.(error, input);
      },
    );
  }, []);
  const reset = useCallback(() => {
    run.current++;
    setState({ status: "idle" });
  }, []);

  return {
    mutate,
    reset,
    isPending: state.status === "pending",
    isSuccess: state.status === "success",
    isError: state.status === "error",
    data: state.data,
    error: state.error,
    variables: state.variables,
  };
}

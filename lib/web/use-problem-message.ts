"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { errorTranslator, problemText, wordProblem } from "@/lib/web/problem-message";

/** Words an error a page's API call threw, by its code, in the page's language. */
export function useProblemMessage(): (error: unknown) => string {
  const t = useTranslations("Errors");
  return useCallback((error: unknown) => wordProblem(problemText(error), errorTranslator(t)), [t]);
}

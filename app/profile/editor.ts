"use client";

import { useEffect, useRef } from "react";

/** What an editor gets: close it (focus goes back to the button that opened it), and say what happened. */
export interface EditorProps {
  onClose: () => void;
  /** Shown and read out by the live region below the editors, which stays when the editor closes. */
  announce: (message: string) => void;
}

/** Puts the focus into an editor when it opens (on its first field). */
export function useFocusOnOpen<T extends HTMLElement>() {
  const first = useRef<T>(null);
  useEffect(() => first.current?.focus(), []);
  return first;
}

"use client";

import { useEffect, useId, useRef } from "react";
import styles from "./admin.module.css";

interface ConfirmDialogProps {
  question: string;
  explanation: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before something that cannot be undone; focus moves to its button, Escape or Cancel closes it. */
export function ConfirmDialog({ question, explanation, confirmLabel, cancelLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const confirm = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-question`}
      aria-describedby={`${id}-explanation`}
      className={`notice error-notice ${styles.confirm}`}
      onKeyDown={(event) => {
        if (event.key === "Escape") onCancel();
      }}
    >
      <p>
        <strong id={`${id}-question`}>{question}</strong> <span id={`${id}-explanation`}>{explanation}</span>
      </p>
      <div className="actions">
        <button type="button" className="danger" ref={confirm} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}

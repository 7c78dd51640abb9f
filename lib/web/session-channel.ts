const CHANNEL = "pr-session";
/** This tab: a message it sent itself is not news to it (another BroadcastChannel object of the same tab gets it). */
const TAB = Math.random().toString(36).slice(2);

/** Tells the other tabs of this browser that the session has ended here. */
export function announceSignOut(): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ signedOut: TAB });
  channel.close();
}

/** Calls `onSignOut` when another tab ends the session; returns the function that stops listening. */
export function listenForSignOutElsewhere(onSignOut: () => void): () => void {
  if (typeof BroadcastChannel === "undefined") return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<{ signedOut?: string }>) => {
    if (event.data.signedOut && event.data.signedOut !== TAB) onSignOut();
  };
  return () => channel.close();
}

import { describe, expect, it } from "vitest";
import { announceSignOut, listenForSignOutElsewhere } from "./session-channel";

describe("the session channel", () => {
  it("does not tell a tab about its own sign-out, but tells it about another tab's", async () => {
    let heard = 0;
    const stop = listenForSignOutElsewhere(() => heard++);
    announceSignOut();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toBe(0);

    const otherTab = new BroadcastChannel("pr-session");
    otherTab.postMessage({ signedOut: "another-tab" });
    otherTab.close();
    await expect.poll(() => heard).toBe(1);
    stop();
  });
});

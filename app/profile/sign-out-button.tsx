"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { callApi } from "@/lib/web/call-api";

const CHANNEL = "pr-session";

/** Ends the session on the server and in every open tab of this browser. */
export function SignOutButton() {
  const queryClient = useQueryClient();
  const router = useRouter();
  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent) => {
      if (event.data === "signed-out") router.replace("/login");
    };
    return () => channel.close();
  }, [router]);
  const signOut = useMutation({
    mutationFn: () => callApi((api) => api.POST("/api/v1/auth/logout")),
    // Even when the server already forgot the session, this browser is signed out now.
    onSettled: () => {
      queryClient.clear();
      if (typeof BroadcastChannel !== "undefined") {
        const channel = new BroadcastChannel(CHANNEL);
        channel.postMessage("signed-out");
        channel.close();
      }
      router.replace("/login");
    },
  });
  return (
    <button type="button" className="secondary" disabled={signOut.isPending} onClick={() => signOut.mutate()}>
      Sign out
    </button>
  );
}

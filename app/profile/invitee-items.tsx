import type { InviteePage } from "@/lib/invites/schemas";
import { LocalTime } from "./local-time";

export function InviteeItems({ items }: { items: InviteePage["items"] }) {
  return items.map((item) => (
    <li key={`${item.phone}-${item.activatedAt}`}>
      <span>{item.phone}</span> <LocalTime iso={item.activatedAt} />
    </li>
  ));
}

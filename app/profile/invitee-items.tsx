import type { InviteePage } from "@/lib/invites/schemas";
import { DateTime } from "../date-time";

export function InviteeItems({ items }: { items: InviteePage["items"] }) {
  return items.map((item) => (
    <li key={`${item.phone}-${item.activatedAt}`}>
      <span>{item.phone}</span> <DateTime iso={item.activatedAt} />
    </li>
  ));
}

import { getFormatter, getTranslations } from "next-intl/server";
import type { AdminStats } from "@/lib/admin/schemas";
import styles from "./admin.module.css";

const WIDTH = 600;
const HEIGHT = 180;
const PADDING = { top: 12, right: 8, bottom: 28, left: 32 };

/** Sign-ups per day as an inline SVG bar chart: no chart library, nothing fetched from elsewhere. */
export async function SignupsChart({ days }: { days: AdminStats["signupsPerDay"] }) {
  const format = await getFormatter();
  const t = await getTranslations("Admin");
  const dayName = (date: string) => format.dateTime(new Date(`${date}T00:00:00Z`), "dayMonth");
  const max = Math.max(1, ...days.map((day) => day.count));
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const plotHeight = HEIGHT - PADDING.top - PADDING.bottom;
  const slot = plotWidth / Math.max(1, days.length);
  const total = days.reduce((sum, day) => sum + day.count, 0);
  const first = days[0] ? dayName(days[0].date) : "";
  const last = days.at(-1) ? dayName(days.at(-1)!.date) : "";
  return (
    <figure className={styles.chart}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="signups-title signups-desc">
        <title id="signups-title">{t("signupsPerDay")}</title>
        <desc id="signups-desc">{t("chartSummary", { total, first, last, max })}</desc>
        <line x1={PADDING.left} y1={PADDING.top + plotHeight} x2={WIDTH - PADDING.right} y2={PADDING.top + plotHeight} stroke="currentColor" strokeOpacity="0.4" />
        <text x={PADDING.left - 6} y={PADDING.top + 4} textAnchor="end" fontSize="11">
          {max}
        </text>
        <text x={PADDING.left - 6} y={PADDING.top + plotHeight} textAnchor="end" fontSize="11">
          0
        </text>
        {days.map((day, index) => {
          const height = (day.count / max) * plotHeight;
          return (
            <rect
              key={day.date}
              x={PADDING.left + index * slot + slot * 0.15}
              y={PADDING.top + plotHeight - height}
              width={slot * 0.7}
              height={Math.max(height, day.count > 0 ? 1 : 0)}
              className={styles.bar}
            >
              <title>{`${dayName(day.date)}: ${format.number(day.count, "integer")}`}</title>
            </rect>
          );
        })}
        <text x={PADDING.left} y={HEIGHT - 8} fontSize="11">
          {first}
        </text>
        <text x={WIDTH - PADDING.right} y={HEIGHT - 8} textAnchor="end" fontSize="11">
          {last}
        </text>
      </svg>
    </figure>
  );
}

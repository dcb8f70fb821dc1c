import Link from "next/link";
import type { ExperimentRowFragment } from "@/gql/graphql";
import { formatTime } from "@/lib/format";
import { summarizeSpec } from "@/lib/spec";
import { StatusBadge } from "../status-badge";
import { StrategyChip } from "../strategy-chip";

export function ExperimentProgress({ counts }: { counts: ExperimentRowFragment["runCounts"] }) {
  const done = counts.succeeded + counts.failed + counts.cancelled;
  const parts = [`${done}/${counts.total} done`];
  if (counts.running) parts.push(`${counts.running} running`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  const label = parts.join(" · ");
  return (
    <span className="row" style={{ gap: 6 }}>
      <progress max={counts.total} value={done} aria-label={label} />
      <span className="muted">{label}</span>
    </span>
  );
}

export function ExperimentRow({ e }: { e: ExperimentRowFragment }) {
  const spec = summarizeSpec(e.spec);
  return (
    <tr data-testid="experiment-row" data-id={e.id}>
      <td>
        <Link href={`/experiments/${e.id}`}>{e.name}</Link>
      </td>
      <td>
        <StatusBadge status={e.status} />
      </td>
      <td>
        <ExperimentProgress counts={e.runCounts} />
      </td>
      <td>{e.task}</td>
      <td>{spec.preset ?? "—"}</td>
      <td>
        {spec.strategies.map((s) => (
          <StrategyChip key={s} strategy={s} />
        ))}
      </td>
      <td className="num">{spec.seeds.length || "—"}</td>
      <td>
        {e.tags.map((t) => (
          <span className="tag" key={t}>
            {t}
          </span>
        ))}
      </td>
      <td>{e.owner ?? <span className="muted">local</span>}</td>
      <td>
        <time dateTime={e.createdAt}>{formatTime(e.createdAt)}</time>
      </td>
    </tr>
  );
}

import type { RunStatus } from "@/gql/graphql";

/** Status as text in a coloured outline: the word carries the meaning, the colour only helps. */
export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`badge ${status}`} data-status={status}>
      {status}
    </span>
  );
}

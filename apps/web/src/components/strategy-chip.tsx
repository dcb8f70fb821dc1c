import { strategyColor } from "@/lib/palette";

export function StrategyChip({ strategy, suffix }: { strategy: string; suffix?: string }) {
  return (
    <span className="chip">
      <span className="swatch" style={{ background: strategyColor(strategy) }} aria-hidden="true" />
      {strategy}
      {suffix}
    </span>
  );
}

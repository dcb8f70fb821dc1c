/**
 * Strategy colours from the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), which stays
 * distinguishable under the common colour-vision deficiencies. Yellow (#F0E442) is left out: it is too
 * light on a white background. The baseline `plain` is black.
 */
export const STRATEGY_COLORS: Readonly<Record<string, string>> = {
  plain: "#000000",
  reverse: "#E69F00",
  random: "#56B4E9",
  "max-mi": "#0072B2",
  "min-mi": "#D55E00",
  "greedy-mi": "#009E73",
};

const FALLBACK = "#CC79A7";

export function strategyColor(strategy: string): string {
  return STRATEGY_COLORS[strategy] ?? FALLBACK;
}

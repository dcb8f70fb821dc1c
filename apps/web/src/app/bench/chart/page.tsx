import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Suspense } from "react";
import { ChartBench } from "@/components/bench/chart-bench";

export const metadata: Metadata = { title: "Chart benchmark" };

/**
 * The chart benchmark's page (e2e/bench/chart-bench.ts): synthetic curves in the dashboard's own chart.
 * It exists only on a server started with ORDERBENCH_WEB_BENCH=1; elsewhere it is a 404.
 */
export default async function ChartBenchPage() {
  await connection();
  if (process.env.ORDERBENCH_WEB_BENCH !== "1") notFound();
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <ChartBench />
    </Suspense>
  );
}

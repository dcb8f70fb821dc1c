ALTER TABLE "metric_points" DROP CONSTRAINT "metric_points_run_id_runs_id_fk";

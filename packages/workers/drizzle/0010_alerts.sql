CREATE TABLE `alert_thresholds` (
	`metric` text PRIMARY KEY NOT NULL,
	`max` real NOT NULL,
	`minor_versions` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`metric` text NOT NULL,
	`threshold` real NOT NULL,
	`figure` real NOT NULL,
	`last_figure` real NOT NULL,
	`detail` text,
	`opened_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_open_metric_idx` ON `alerts` (`metric`) WHERE "alerts"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX `alerts_opened_idx` ON `alerts` (`opened_at`);
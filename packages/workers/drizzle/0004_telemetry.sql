CREATE TABLE `client_version_daily` (
	`day` text NOT NULL,
	`version` text NOT NULL,
	`requests` integer NOT NULL,
	PRIMARY KEY(`day`, `version`)
);
--> statement-breakpoint
CREATE TABLE `telemetry_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`client_id` text NOT NULL,
	`client_version` text NOT NULL,
	`reported_at` integer NOT NULL,
	`queued_ops` integer NOT NULL,
	`sync_attempts` integer NOT NULL,
	`sync_failures` integer NOT NULL,
	`replay_ms` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `telemetry_reported_idx` ON `telemetry_reports` (`reported_at`);--> statement-breakpoint
CREATE INDEX `telemetry_client_idx` ON `telemetry_reports` (`client_id`,`reported_at`);--> statement-breakpoint
ALTER TABLE `user` ADD `platform_role` text DEFAULT 'member' NOT NULL;
CREATE TABLE `project_doc_chunks` (
	`project_id` text NOT NULL,
	`idx` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`project_id`, `idx`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `project_summaries` (
	`project_id` text PRIMARY KEY NOT NULL,
	`schema_version` integer NOT NULL,
	`doc_bytes` integer NOT NULL,
	`summary` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);

CREATE TABLE `pdfs` (
	`id` text PRIMARY KEY NOT NULL,
	`project_id` text NOT NULL,
	`study_id` text NOT NULL,
	`file_name` text NOT NULL,
	`size` integer NOT NULL,
	`tag` text NOT NULL,
	`r2_key` text NOT NULL,
	`uploaded_by` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `pdfs_study_idx` ON `pdfs` (`project_id`,`study_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `pdfs_one_primary_idx` ON `pdfs` (`project_id`,`study_id`) WHERE "pdfs"."tag" = 'primary';
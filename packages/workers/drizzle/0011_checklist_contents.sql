CREATE TABLE `checklist_content_chunks` (
	`project_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`idx` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`project_id`, `checklist_id`, `idx`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);

ALTER TABLE `subscriptions` ADD `refetch_cursor` integer;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `refetch_started_at` integer;--> statement-breakpoint
CREATE TABLE `refetch_records` (
	`subscription_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`seq` integer NOT NULL,
	`row` text NOT NULL,
	PRIMARY KEY(`subscription_id`, `entity`, `entity_id`),
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `refetch_checklist_docs` (
	`subscription_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`idx` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`subscription_id`, `checklist_id`, `idx`),
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);

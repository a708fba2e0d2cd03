CREATE TABLE `received_records` (
	`subscription_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`seq` integer NOT NULL,
	`row` text NOT NULL,
	PRIMARY KEY(`subscription_id`, `entity`, `entity_id`),
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `share_updates` (
	`share_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`seq` integer NOT NULL,
	`op` text NOT NULL,
	`row` text,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`share_id`, `entity`, `entity_id`),
	FOREIGN KEY (`share_id`) REFERENCES `shares`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `share_updates_seq_idx` ON `share_updates` (`share_id`,`seq`);--> statement-breakpoint
ALTER TABLE `shares` ADD `last_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `shares` ADD `horizon_seq` integer DEFAULT 0 NOT NULL;
CREATE TABLE `share_edges` (
	`share_id` text NOT NULL,
	`from_entity` text NOT NULL,
	`from_id` text NOT NULL,
	`to_entity` text NOT NULL,
	`to_id` text NOT NULL,
	`included_at` integer NOT NULL,
	PRIMARY KEY(`share_id`, `from_entity`, `from_id`, `to_entity`, `to_id`),
	FOREIGN KEY (`share_id`) REFERENCES `shares`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `share_records` (
	`share_id` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`label` text NOT NULL,
	`included_at` integer NOT NULL,
	PRIMARY KEY(`share_id`, `entity`, `entity_id`),
	FOREIGN KEY (`share_id`) REFERENCES `shares`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `pdfs` ADD `sha256` text;--> statement-breakpoint
ALTER TABLE `shares` ADD `paused_at` integer;--> statement-breakpoint
ALTER TABLE `shares` ADD `source_at` integer;--> statement-breakpoint
ALTER TABLE `share_subscribers` ADD `schema_refusals` integer DEFAULT 0 NOT NULL;
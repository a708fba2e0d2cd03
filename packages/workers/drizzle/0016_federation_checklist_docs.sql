CREATE TABLE `share_doc_deliveries` (
	`subscriber_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`acked` blob,
	`sent_seq` integer,
	`sent` blob,
	`token` text NOT NULL,
	PRIMARY KEY(`subscriber_id`, `checklist_id`),
	FOREIGN KEY (`subscriber_id`) REFERENCES `share_subscribers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `share_doc_deliveries_sent_idx` ON `share_doc_deliveries` (`subscriber_id`,`sent_seq`);--> statement-breakpoint
CREATE TABLE `received_checklist_docs` (
	`subscription_id` text NOT NULL,
	`checklist_id` text NOT NULL,
	`idx` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`subscription_id`, `checklist_id`, `idx`),
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);

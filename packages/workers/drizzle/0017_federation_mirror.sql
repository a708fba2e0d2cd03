ALTER TABLE `projects` ADD `mirror_of_subscription` text;--> statement-breakpoint
ALTER TABLE `projects` ADD `mirror_origin` text;--> statement-breakpoint
CREATE UNIQUE INDEX `projects_mirror_idx` ON `projects` (`mirror_of_subscription`) WHERE `mirror_of_subscription` IS NOT NULL;

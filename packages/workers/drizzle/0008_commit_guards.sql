-- A batch of mutations is planned against rows read before its commit (src/domain/mutations).
-- Its commit starts by inserting here whether those rows are unchanged; the trigger drops the row
-- when they are and aborts the whole batch (one transaction) when they are not, so the table
-- stays empty and a lost race commits nothing.
CREATE TABLE `commit_guards` (
	`unchanged` integer NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER commit_guards_check BEFORE INSERT ON commit_guards BEGIN
  SELECT CASE WHEN NEW.unchanged THEN RAISE(IGNORE) ELSE RAISE(ABORT, 'corates: stale read') END;
END;
--> statement-breakpoint
-- Ops now commit with their result in one batch; the claims of the old two-step protocol that
-- never finished changed nothing and are dropped, so the client's retry runs them.
DELETE FROM applied_ops WHERE status = 'pending';

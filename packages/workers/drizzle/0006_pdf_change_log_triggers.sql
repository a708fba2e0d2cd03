-- PDF metadata joins the pull feed the same way as projects (see 0003): triggers, so no write path
-- can forget the change log. Audience: the project's current members.
CREATE TRIGGER change_log_pdf_insert AFTER INSERT ON pdfs BEGIN
  INSERT INTO change_log (entity, entity_id, op, project_id) VALUES ('pdf', NEW.id, 'upsert', NEW.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER change_log_pdf_update AFTER UPDATE ON pdfs BEGIN
  INSERT INTO change_log (entity, entity_id, op, project_id) VALUES ('pdf', NEW.id, 'upsert', NEW.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER change_log_pdf_delete AFTER DELETE ON pdfs BEGIN
  INSERT INTO change_log (entity, entity_id, op, project_id) VALUES ('pdf', OLD.id, 'delete', OLD.project_id);
END;
--> statement-breakpoint
-- A member who joins later also needs the PDFs uploaded before they joined.
CREATE TRIGGER change_log_member_insert_pdfs AFTER INSERT ON project_members BEGIN
  INSERT INTO change_log (entity, entity_id, op, user_id)
    SELECT 'pdf', id, 'upsert', NEW.user_id FROM pdfs WHERE project_id = NEW.project_id;
END;

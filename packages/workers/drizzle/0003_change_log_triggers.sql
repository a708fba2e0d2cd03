-- The pull feed (change_log) is written by triggers, in the same statement as the change, so no
-- write path (REST, synced ops, maintenance SQL, foreign-key cascades) can forget it.
-- Audience: project_id = that project's current members; user_id = that one user.
CREATE TRIGGER change_log_project_insert AFTER INSERT ON projects BEGIN
  INSERT INTO change_log (entity, entity_id, op, project_id) VALUES ('project', NEW.id, 'upsert', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER change_log_project_update AFTER UPDATE ON projects BEGIN
  INSERT INTO change_log (entity, entity_id, op, project_id) VALUES ('project', NEW.id, 'upsert', NEW.id);
END;
--> statement-breakpoint
-- Deleting a project cascades to its memberships, whose delete trigger tombstones it for each member.
CREATE TRIGGER change_log_member_insert AFTER INSERT ON project_members BEGIN
  INSERT INTO change_log (entity, entity_id, op, project_id)
    VALUES ('membership', NEW.project_id || ':' || NEW.user_id, 'upsert', NEW.project_id);
  -- The newcomer also needs what happened before they joined: the project and every membership.
  INSERT INTO change_log (entity, entity_id, op, user_id) VALUES ('project', NEW.project_id, 'upsert', NEW.user_id);
  INSERT INTO change_log (entity, entity_id, op, user_id)
    SELECT 'membership', project_id || ':' || user_id, 'upsert', NEW.user_id
    FROM project_members WHERE project_id = NEW.project_id AND user_id != NEW.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER change_log_member_update AFTER UPDATE OF role ON project_members BEGIN
  INSERT INTO change_log (entity, entity_id, op, project_id)
    VALUES ('membership', NEW.project_id || ':' || NEW.user_id, 'upsert', NEW.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER change_log_member_delete AFTER DELETE ON project_members BEGIN
  INSERT INTO change_log (entity, entity_id, op, project_id)
    VALUES ('membership', OLD.project_id || ':' || OLD.user_id, 'delete', OLD.project_id);
  INSERT INTO change_log (entity, entity_id, op, user_id) VALUES ('project', OLD.project_id, 'delete', OLD.user_id);
END;
--> statement-breakpoint
CREATE TRIGGER change_log_settings_insert AFTER INSERT ON user_settings BEGIN
  INSERT INTO change_log (entity, entity_id, op, user_id) VALUES ('settings', NEW.user_id, 'upsert', NEW.user_id);
END;
--> statement-breakpoint
CREATE TRIGGER change_log_settings_update AFTER UPDATE ON user_settings BEGIN
  INSERT INTO change_log (entity, entity_id, op, user_id) VALUES ('settings', NEW.user_id, 'upsert', NEW.user_id);
END;

import type { Migration } from '../migration';

/*
 * The key expressions here repeat those of main/distribution/report/report-sort-keys.ts on
 * purpose: a migration is history and must not change when that file does.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'report keys for Apple users, kept current with the directory, and the directory index assignments read',
  sql: `
    -- sort_email and search_text join sort_name and license_count as columns the Users tab
    -- reads from indexes alone: a search is one pass over one index, not a join of 100,000
    -- Apple users with the directory and four LIKEs on each.
    ALTER TABLE cached_apple_users ADD COLUMN sort_email TEXT;
    ALTER TABLE cached_apple_users ADD COLUMN search_text TEXT;

    UPDATE cached_apple_users AS au
    SET sort_name = coalesce(u.name, au.email, au.managed_apple_id, au.client_user_id),
        sort_email = coalesce(au.email, u.email, au.managed_apple_id),
        search_text = concat_ws(char(31), u.name, u.email, au.email, au.managed_apple_id)
    FROM (SELECT cau.service_id, cau.generation, cau.client_user_id, du.name, du.email
          FROM cached_apple_users cau LEFT JOIN users du ON du.client_user_id = cau.client_user_id) AS u
    WHERE u.service_id = au.service_id AND u.generation = au.generation AND u.client_user_id = au.client_user_id;

    -- Each sort index carries status (and the name index the search text), so filtering while
    -- walking an index in sort order never visits the table.
    DROP INDEX cached_apple_users_by_name;
    DROP INDEX cached_apple_users_by_licenses;
    CREATE INDEX cached_apple_users_by_name ON cached_apple_users (service_id, generation, sort_name COLLATE NOCASE, client_user_id, status, search_text);
    CREATE INDEX cached_apple_users_by_email ON cached_apple_users (service_id, generation, sort_email COLLATE NOCASE, client_user_id, status);
    CREATE INDEX cached_apple_users_by_licenses ON cached_apple_users (service_id, generation, license_count, client_user_id, status);
    CREATE INDEX cached_apple_users_by_status ON cached_apple_users (service_id, generation, status, client_user_id);

    -- Who holds an app: every assignment row finds its person through this index alone,
    -- without a second lookup in the users table (a CSV export does it a million times).
    CREATE INDEX users_for_report ON users (client_user_id, home_group_id, name, email);

    -- A person renamed, added or deleted in the directory sorts and is found under the new
    -- name at once, not only after the next sync. Live generations only, found through their
    -- primary key: an index on clientUserId alone would cost every sync; a sync in flight
    -- reads the directory as it inserts each Apple user.
    CREATE TRIGGER users_report_keys_after_insert AFTER INSERT ON users BEGIN
      UPDATE cached_apple_users
      SET sort_name = NEW.name, sort_email = coalesce(email, NEW.email, managed_apple_id),
          search_text = concat_ws(char(31), NEW.name, NEW.email, email, managed_apple_id)
      WHERE client_user_id = NEW.client_user_id AND (service_id, generation) IN (SELECT service_id, live_generation FROM sync_state);
    END;
    CREATE TRIGGER users_report_keys_after_update AFTER UPDATE OF name, email ON users BEGIN
      UPDATE cached_apple_users
      SET sort_name = NEW.name, sort_email = coalesce(email, NEW.email, managed_apple_id),
          search_text = concat_ws(char(31), NEW.name, NEW.email, email, managed_apple_id)
      WHERE client_user_id = NEW.client_user_id AND (service_id, generation) IN (SELECT service_id, live_generation FROM sync_state);
    END;
    CREATE TRIGGER users_report_keys_after_delete AFTER DELETE ON users BEGIN
      UPDATE cached_apple_users
      SET sort_name = coalesce(email, managed_apple_id, client_user_id), sort_email = coalesce(email, managed_apple_id),
          search_text = concat_ws(char(31), email, managed_apple_id)
      WHERE client_user_id = OLD.client_user_id AND (service_id, generation) IN (SELECT service_id, live_generation FROM sync_state);
    END;
  `,
};

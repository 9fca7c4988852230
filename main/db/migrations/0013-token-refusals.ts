import type { Migration } from '../migration';

export const migration0013: Migration = {
  version: 13,
  name: 'token refusals confirmed by a second call',
  sql: `
    -- When Apple last refused a token as not valid (9622 or a bare 401), and when the app asked
    -- again a few seconds later: the token is marked invalid only when that second call was
    -- refused too. Both null while Apple accepts it; the service card says what happened.
    ALTER TABLE tokens ADD COLUMN refused_at TEXT;
    ALTER TABLE tokens ADD COLUMN refusal_checked_at TEXT;
  `,
};

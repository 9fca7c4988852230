import type { Migration } from '../migration';
import { migration0001 } from './0001-organization';
import { migration0002 } from './0002-audit';

/** Every migration, in order. A new one is a new file and one line here. */
export const migrations: readonly Migration[] = [migration0001, migration0002];

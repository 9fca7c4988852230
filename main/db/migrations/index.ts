import type { Migration } from '../migration';
import { migration0001 } from './0001-organization';
import { migration0002 } from './0002-audit';
import { migration0003 } from './0003-directory';
import { migration0004 } from './0004-services-and-tokens';
import { migration0005 } from './0005-license-cache';
import { migration0006 } from './0006-invitations';
import { migration0007 } from './0007-installs';
import { migration0008 } from './0008-report-sort-keys';
import { migration0009 } from './0009-report-search-keys';
import { migration0010 } from './0010-users-by-home-group-for-scope';
import { migration0011 } from './0011-mdm-push-outcomes';
import { migration0012 } from './0012-apple-waits-and-takeovers';
import { migration0013 } from './0013-token-refusals';

/** Every migration, in order. A new one is a new file and one line here. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013];

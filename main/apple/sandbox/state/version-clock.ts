const versionIdPattern = /^00000000-0000-4000-8000-([0-9a-f]{12})$/;

/**
 * The `versionId`s of one location: a counter that moves on every change.
 *
 * Rows carry the version of their last change, so "changed since X" is a comparison. The ids
 * look like Apple's UUIDs so clients treat them as opaque.
 */
export class VersionClock {
  private current = 1;
  private oldestKnown = 1;

  get currentVersion(): number {
    return this.current;
  }

  get currentId(): string {
    return `00000000-0000-4000-8000-${this.current.toString(16).padStart(12, '0')}`;
  }

  /** Starts a new version for a change and returns it, to stamp the changed rows with. */
  advance(): number {
    this.current += 1;
    return this.current;
  }

  /** The version an id names, or null when Apple would answer 9721 (malformed, unknown or forgotten). */
  versionOf(versionId: string): number | null {
    const match = versionIdPattern.exec(versionId);
    if (!match) return null;
    const version = Number.parseInt(match[1] ?? '', 16);
    return version >= this.oldestKnown && version <= this.current ? version : null;
  }

  /** Forgets every id handed out so far, as Apple does with old ones. */
  forgetAll(): void {
    this.advance();
    this.oldestKnown = this.current;
  }
}

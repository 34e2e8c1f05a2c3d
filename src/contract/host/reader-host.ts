/**
 * What the contract reader asks of the files it reads: list a folder, read
 * a file, stat a path. The disk is one host; an editor's unsaved text laid
 * over the disk, or a git revision held in memory, are others. Nothing
 * needs a temporary copy on disk to be read.
 *
 * Paths are absolute, in the platform's form (`path.resolve` of what the
 * reader was given); a host answers `undefined` for anything it does not have.
 */
export interface ReaderHost {
  /** What is at `path`, or undefined when nothing is (or it cannot be looked at). */
  stat(path: string): HostStat | undefined;
  /**
   * The entries of the folder at `path` (names, not paths), in no particular
   * order; undefined when there is no folder there.
   */
  list(path: string): readonly HostEntry[] | undefined;
  /** The text of the file at `path` (UTF-8), or undefined when there is none or it cannot be read. */
  readFile(path: string): string | undefined;
}

/** `other`: neither a file nor a folder (a socket, a device). */
export type HostEntryKind = 'file' | 'folder' | 'other';

export interface HostEntry {
  readonly name: string;
  readonly kind: HostEntryKind;
}

export interface HostStat {
  readonly kind: HostEntryKind;
  /**
   * Differs whenever the content may have changed since another stat of the
   * same path (on disk the modification time and size; in memory a counter
   * bumped by each write). Equal versions of one path mean the same text;
   * compare only versions of the same path from the same host.
   */
  readonly version: string;
}

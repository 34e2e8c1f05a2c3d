/** One page of a longer list. Pass `next` back to get the following page. */
export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  next?: string;
  total: number;
}

/** Who did something, and when. */
export interface Stamp {
  by: string;
  at: Date;
}

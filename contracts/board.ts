import type { Callback, Service } from 'contract-gen';
import type { Page, Stamp } from './common.js';

export enum Priority {
  Low = 'low',
  Normal = 'normal',
  High = 'high',
}

/** Where a task stands. Numeric on the wire. */
export enum Stage {
  Todo,
  Doing,
  Done,
}

/** How much work a task is: a discriminated union, one shape per way of estimating. */
export type Estimate =
  | { kind: 'points'; points: number }
  | { kind: 'hours'; hours: number; confidence: 'low' | 'high' }
  | { kind: 'unknown' };

/** A file attached to a task. */
export interface Attachment {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** A task with its subtasks: a recursive type. */
export interface Task {
  /** 64-bit ids travel as decimal strings. */
  id: bigint;
  title: string;
  stage: Stage;
  priority: Priority;
  estimate: Estimate;
  labels: Record<string, string>;
  due?: Date;
  created: Stamp;
  attachments: readonly Attachment[];
  subtasks: Task[];
  /** `[column, position]` on the board. */
  slot: [column: number, position: number];
}

/** What `update` may change: any subset of a task's editable fields. */
export type TaskPatch = Partial<Pick<Task, 'title' | 'stage' | 'priority' | 'estimate' | 'labels' | 'due'>>;

/** A change to a board, as watchers see it. */
export type BoardChange =
  | { type: 'added'; task: Task }
  | { type: 'updated'; id: bigint; patch: TaskPatch }
  | { type: 'removed'; id: bigint };

export interface BoardEvents extends Callback {
  changed(change: BoardChange, by: Stamp): void;
  /** @deprecated Use `changed`; kept for clients built before it. */
  taskMoved(id: bigint, slot: [number, number]): void;
}

/** A task board several people edit at once. */
export interface Board extends Service {
  add(title: string, priority?: Priority, parent?: bigint): Promise<Task>;
  update(id: bigint, patch: TaskPatch): Promise<Task>;
  attach(id: bigint, attachment: Attachment): Promise<number>;
  list(stage?: Stage, cursor?: string): Promise<Page<Task>>;
  /** Sends every change of the board to `events`; returns how many watchers the board has. */
  watch(events: BoardEvents): Promise<number>;
}

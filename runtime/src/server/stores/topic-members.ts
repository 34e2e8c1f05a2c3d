import type { TopicPage, TopicPageRequest } from './client-store.js';
import { pageTopics } from './list-pages.js';

/** One member of a topic: a callback of a client, of interface `iface`. */
export interface TopicMember {
  readonly client: string;
  readonly callback: number;
  readonly iface: string;
}

/**
 * Topic memberships held in memory (the memory and SQLite stores): each
 * topic's members in order of joining (the fan-out order), and for each
 * client a reverse index (callback → its topics) that the caller keeps with
 * the client's record, so a release or the client's end removes its
 * memberships without scanning every topic.
 */
export class TopicMembers {
  readonly #topics = new Map<string, Map<string, TopicMember>>();

  /** Adds the member; returns false when it was one already. */
  join(
    topic: string,
    client: string,
    callback: number,
    iface: string,
    index: Map<number, Set<string>>,
  ): boolean {
    let members = this.#topics.get(topic);
    if (members === undefined) this.#topics.set(topic, (members = new Map<string, TopicMember>()));
    const key = memberKey(client, callback);
    if (members.has(key)) return false;
    members.set(key, { client, callback, iface });
    let topics = index.get(callback);
    if (topics === undefined) index.set(callback, (topics = new Set()));
    topics.add(topic);
    return true;
  }

  /** Removes the member; returns whether it was one. */
  leave(topic: string, client: string, callback: number, index: Map<number, Set<string>>): boolean {
    const members = this.#topics.get(topic);
    if (members === undefined || !members.delete(memberKey(client, callback))) return false;
    if (members.size === 0) this.#topics.delete(topic);
    const topics = index.get(callback);
    topics?.delete(topic);
    if (topics?.size === 0) index.delete(callback);
    return true;
  }

  /** Removes callback `callback` of `client` from every topic it is a member of; returns those topics. */
  leaveAll(client: string, callback: number, index: Map<number, Set<string>>): string[] {
    const topics = [...(index.get(callback) ?? [])];
    for (const topic of topics) this.leave(topic, client, callback, index);
    return topics;
  }

  size(topic: string): number {
    return this.#topics.get(topic)?.size ?? 0;
  }

  /** A page of the topics and their first members (`ClientStore.listTopics`). */
  list(page: TopicPageRequest): TopicPage {
    return pageTopics(this.#topics, page);
  }

  /** The members of `topic` of interface `iface`, in order of joining (a copy: the caller may change the topic meanwhile). */
  members(topic: string, iface: string): TopicMember[] {
    const members = this.#topics.get(topic);
    if (members === undefined) return [];
    const out: TopicMember[] = [];
    for (const member of members.values()) if (member.iface === iface) out.push(member);
    return out;
  }
}

function memberKey(client: string, callback: number): string {
  return `${callback} ${client}`;
}

import { Injectable } from '@nestjs/common';
import { PhoenixSerializer } from '../protocol/serializers';

/** A joined channel as the fan-out sees it: a serializer and a way to write a frame to its socket. */
export interface TopicMember {
  readonly serializer: PhoenixSerializer;
  send(frame: string): void;
}

/**
 * This instance's subscriptions, topic → joined channels. A broadcast is encoded once per serializer
 * version (Phoenix's fastlane: `[null, null, topic, event, payload]`), not once per socket.
 */
@Injectable()
export class LocalTopics {
  private readonly topics = new Map<string, Set<TopicMember>>();

  add(topic: string, member: TopicMember): void {
    const members = this.topics.get(topic);
    if (members) members.add(member);
    else this.topics.set(topic, new Set([member]));
  }

  remove(topic: string, member: TopicMember): void {
    const members = this.topics.get(topic);
    if (!members) return;
    members.delete(member);
    if (!members.size) this.topics.delete(topic);
  }

  /** Topics with at least one local subscriber. */
  active(): IterableIterator<string> {
    return this.topics.keys();
  }

  /** Writes the broadcast to every local subscriber of the topic; returns how many got it. */
  deliver(topic: string, event: string, payload: unknown): number {
    const members = this.topics.get(topic);
    if (!members) return 0;
    const frames = new Map<PhoenixSerializer, string>();
    for (const member of [...members]) {
      let frame = frames.get(member.serializer);
      if (frame === undefined) {
        frame = member.serializer.encode({ joinRef: null, ref: null, topic, event, payload });
        frames.set(member.serializer, frame);
      }
      member.send(frame);
    }
    return members.size;
  }
}

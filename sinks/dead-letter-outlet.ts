/** Where the sink's dead letters go: the project's dead-letter topic, as every processor's do. */
import type { Producer } from 'kafkajs';
import { TOPICS } from '../schemas/topics.ts';
import type { DeadLetter } from '../schemas/types.generated.ts';
import { deadLetterKey } from '../streams/serde/index.ts';
import type { Serde } from '../streams/serde/serde.ts';

export interface DeadLetterOutlet {
  /** Resolves once every letter is acknowledged by Kafka. */
  send(letters: readonly DeadLetter[]): Promise<void>;
}

export function kafkaDeadLetterOutlet(producer: Producer, serde: Serde, topic: string): DeadLetterOutlet {
  return {
    async send(letters) {
      const messages = await Promise.all(
        letters.map(async (letter) => ({
          key: deadLetterKey(letter),
          value: await serde.encode(TOPICS.deadLetters.name, letter),
        })),
      );
      await producer.send({ topic, messages, acks: -1 });
    },
  };
}

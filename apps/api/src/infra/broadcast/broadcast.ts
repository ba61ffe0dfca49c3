import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { RUNTIME_SERVICES, type RuntimeServices } from '../config/config.module';
import { redisOptionsFromUrl } from '../queue/redis-options';

/** Boot waits this long for the subscription; later, ioredis subscribes again on every reconnect. */
const SUBSCRIBE_WAIT_MS = 2_000;

export type BroadcastHandler = (message: string) => void;

/**
 * Messages to every process of this deployment (every API replica and worker on the same Redis
 * and REDIS_PREFIX), this one included, over Redis pub/sub: how a process tells the others to drop
 * what they keep in memory. Channels are `<REDIS_PREFIX>:broadcast:<channel>`.
 *
 * A process subscribes when the application starts (never while the OpenAPI document is built),
 * so register handlers from a constructor or `onModuleInit`. The sender's own handlers run at once,
 * and again when its copy comes back through Redis: a handler must not mind a repeat. Other
 * processes get a message only while connected, so what they keep must also expire on its own (a
 * process that was cut off from Redis catches up that way).
 */
@Injectable()
export class Broadcast implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Broadcast.name);
  private readonly prefix: string;
  private readonly handlers = new Map<string, BroadcastHandler[]>();
  private readonly publisher: Redis;
  private subscriber: Redis | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(RUNTIME_SERVICES) private readonly services: RuntimeServices,
  ) {
    this.prefix = `${config.REDIS_PREFIX}:broadcast:`;
    this.publisher = new Redis({
      ...redisOptionsFromUrl(services.redisUrl),
      lazyConnect: true,
      maxRetriesPerRequest: 2,
    });
    this.publisher.on('error', (error: Error) => this.logger.warn(`broadcast Redis: ${error.message}`));
  }

  /** Calls `handler` with every message sent on `channel` from now on, by any process. */
  on(channel: string, handler: BroadcastHandler): void {
    const handlers = this.handlers.get(channel) ?? [];
    handlers.push(handler);
    this.handlers.set(channel, handlers);
    if (this.subscriber) void this.subscribe([channel]);
  }

  /**
   * Runs this process's handlers of `channel` with `message`, then sends it to the other processes;
   * resolves once Redis has handed it to every subscribed one. Never rejects: a message Redis did
   * not take is logged (the receivers' own expiry then applies).
   */
  async send(channel: string, message: string): Promise<void> {
    this.deliver(this.prefix + channel, message);
    try {
      await this.publisher.publish(this.prefix + channel, message);
    } catch (error) {
      this.logger.warn({ err: error, channel }, 'could not broadcast');
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.handlers.size) return;
    const subscriber = new Redis({ ...redisOptionsFromUrl(this.services.redisUrl), lazyConnect: true });
    this.subscriber = subscriber;
    subscriber.on('error', (error: Error) =>
      this.logger.warn(`broadcast subscriber Redis: ${error.message}`),
    );
    subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
    // On every (re)connection, the first included: subscribing again to a channel changes nothing.
    const subscribed = new Promise<void>((resolve) =>
      subscriber.on('ready', () => void this.subscribe([...this.handlers.keys()]).then(resolve)),
    );
    subscriber.connect().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      subscribed,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, SUBSCRIBE_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  onApplicationShutdown(): void {
    this.subscriber?.disconnect();
    this.publisher.disconnect();
  }

  private async subscribe(channels: string[]): Promise<void> {
    try {
      if (this.subscriber?.status !== 'ready') return;
      await this.subscriber.subscribe(...channels.map((channel) => this.prefix + channel));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not subscribe to broadcasts');
    }
  }

  private deliver(fullChannel: string, message: string): void {
    if (!fullChannel.startsWith(this.prefix)) return;
    for (const handler of this.handlers.get(fullChannel.slice(this.prefix.length)) ?? []) {
      try {
        handler(message);
      } catch (error) {
        this.logger.error({ err: error, channel: fullChannel }, 'a broadcast handler failed');
      }
    }
  }
}

/** {@link Broadcast} for every module. */
@Global()
@Module({ providers: [Broadcast], exports: [Broadcast] })
export class BroadcastModule {}

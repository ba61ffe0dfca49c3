import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import webPush from 'web-push';
import { APP_CONFIG, type AppConfig } from '../../infra/config/config';

export interface VapidKeys {
  readonly publicKey: string;
  readonly privateKey: string;
  readonly subject: string;
}

/** `mailto:` the address of a `Name <address>` sender. */
const mailtoOf = (from: string) => `mailto:${(/<([^>]+)>/.exec(from)?.[1] ?? from).trim()}`;

/**
 * The keys every push message is signed with (VAPID, RFC 8292). Configuration when set (every
 * replica must sign with the same pair); otherwise, on the embedded default or outside production,
 * a pair generated once and kept (mode 0600) in DATA_DIR; otherwise none, and push is off.
 */
@Injectable()
export class VapidKeysProvider {
  private keys: VapidKeys | null | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get(): VapidKeys | null {
    if (this.keys === undefined) this.keys = this.load();
    return this.keys;
  }

  private load(): VapidKeys | null {
    const subject = this.config.VAPID_SUBJECT ?? mailtoOf(this.config.MAIL_FROM);
    if (this.config.VAPID_PUBLIC_KEY && this.config.VAPID_PRIVATE_KEY) {
      return { publicKey: this.config.VAPID_PUBLIC_KEY, privateKey: this.config.VAPID_PRIVATE_KEY, subject };
    }
    if (this.config.isProduction && this.config.DATABASE_URL) return null;
    const dir = resolve(this.config.DATA_DIR);
    const file = join(dir, 'vapid-keys.json');
    if (existsSync(file)) {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
      return { ...stored, subject };
    }
    mkdirSync(dir, { recursive: true });
    const generated = webPush.generateVAPIDKeys();
    writeFileSync(file, JSON.stringify(generated), { mode: 0o600 });
    return { ...generated, subject };
  }
}

import { promises as dns } from 'node:dns';
import { Injectable } from '@nestjs/common';

/**
 * Reads DNS TXT records for domain verification. Tests replace `resolve` on the instance the app
 * holds (`app.get(TxtResolver)`), so they need no DNS.
 */
@Injectable()
export class TxtResolver {
  /** Every TXT record of the name, each as its chunks; none (or no such name) answers []. */
  resolve: (name: string) => Promise<string[][]> = async (name) => {
    try {
      return await dns.resolveTxt(name);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ENOTFOUND' || code === 'ENODATA') return [];
      throw error;
    }
  };
}

import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import { addressGroups, clientAddressOf, compileTrust, parseTrustProxy } from './client-address';

describe('client addresses', () => {
  it('picks the address Express’s req.ip (proxy-addr) picks, for every setting and chain', () => {
    const settings = [
      '',
      'loopback',
      '0',
      '1',
      '2',
      '10.0.0.0/8',
      '127.0.0.1/32, 10.0.0.0/8',
      'loopback, fd00::/8',
    ];
    const peers = ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '203.0.113.9', 'fd00::5'];
    const chains = [
      undefined,
      '',
      '198.51.100.1',
      '198.51.100.1, 10.0.0.5',
      '1.1.1.1,198.51.100.3 , 10.0.0.5,127.0.0.1',
      '2001:db8::1, fd00::7',
      ', 198.51.100.1,,',
      'not-an-address, 10.0.0.1',
    ];
    for (const setting of settings) {
      const trust = compileTrust(parseTrustProxy(setting));
      for (const peer of peers) {
        for (const chain of chains) {
          const request = {
            socket: { remoteAddress: peer },
            connection: { remoteAddress: peer },
            headers: chain === undefined ? {} : { 'x-forwarded-for': chain },
          } as unknown as IncomingMessage;
          const expected = proxyaddr(request, trust);
          expect({ setting, peer, chain, address: clientAddressOf(peer, chain, trust) }).toEqual({
            setting,
            peer,
            chain,
            address: expected,
          });
        }
      }
    }
  });

  it('groups IPv4 by /24 and IPv6 by /64, IPv4-mapped IPv6 as IPv4', () => {
    expect(addressGroups('198.51.100.7')).toEqual({ visitor: '198.51.100.7', network: '4:198.51.100' });
    expect(addressGroups('::ffff:198.51.100.7')).toEqual(addressGroups('198.51.100.7'));
    const a = addressGroups('2001:db8:1:2::1');
    expect(a).toEqual({ visitor: '6:2001:db8:1:2', network: '6:2001:db8:1:2' });
    expect(addressGroups('2001:0DB8:0001:0002:ffff:0:0:1')).toEqual(a);
    expect(addressGroups('2001:db8:1:2:3:4:5.6.7.8')).toEqual(a);
    expect(addressGroups('fe80::1%eth0')).toEqual({ visitor: '6:fe80:0:0:0', network: '6:fe80:0:0:0' });
    expect(addressGroups('::1').network).toBe('6:0:0:0:0');
    expect(addressGroups('2001:db8:1:3::1').network).not.toBe(a.network);
    expect(addressGroups('not-an-address')).toEqual({ visitor: 'not-an-address', network: '?' });
  });
});

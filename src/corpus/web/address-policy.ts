import { lookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Only public unicast addresses may be fetched unless the maintainer allows
 * private ones: otherwise `add <url>` could be pointed at the machine's own
 * services (loopback, the cloud metadata address 169.254.169.254) or the LAN.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** Raised through a lookup callback, so the request fails with the address that was refused. */
export class PrivateAddressError extends Error {
  constructor(readonly host: string, readonly address: string) {
    super(`${host} resolves to ${address}, a private or reserved address`);
    this.name = 'PrivateAddressError';
  }
}

/**
 * A DNS lookup that refuses private addresses at connection time, so a name that
 * resolves differently on a second lookup (DNS rebinding) cannot slip past a check
 * made earlier.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = allowPrivate ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
      if (refused) return callback(new PrivateAddressError(hostname, refused.address) as NodeJS.ErrnoException, '', 0);
      if (options.all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** A host written as an IP address is never looked up, so it is checked here. */
export function literalAddressRefusal(hostname: string, allowPrivate: boolean): PrivateAddressError | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (allowPrivate || isIP(bare) === 0 || isPublicAddress(bare)) return undefined;
  return new PrivateAddressError(hostname, bare);
}

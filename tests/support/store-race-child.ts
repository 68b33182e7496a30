import { createInterface } from 'node:readline';
import { openStoreAt } from './store-backends';

/**
 * The other process of a store race (`tests/unit/store-contract.test.ts`): opens the store at
 * `url`, prints "ready", waits for "go" on stdin, then, all at once, claims `claims` keys with
 * insert-if-absent, last key first (the test process goes first key first: somewhere they meet),
 * and increments `counter` `increments` times with compare-and-set; prints what it won as JSON.
 *
 * Usage: node --import tsx tests/support/store-race-child.ts <url> <name> <claims> <increments>
 */
const [url, name, claims, increments] = process.argv.slice(2);
if (url === undefined || name === undefined)
  throw new Error('usage: <url> <name> <claims> <increments>');
const store = await openStoreAt(url);
console.log('ready');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line === 'go') break;
lines.close();
const [won] = await Promise.all([
  Promise.all(
    Array.from({ length: Number(claims) }, (_, rank) => Number(claims) - 1 - rank).map((index) =>
      store.setIfAbsent(`claim:${index}`, name).then((stored) => (stored ? index : -1)),
    ),
  ),
  Promise.all(
    Array.from({ length: Number(increments) }, () =>
      store.update<number>('counter', (count) => (count ?? 0) + 1),
    ),
  ),
]);
await store.close();
console.log(JSON.stringify({ won: won.filter((index) => index >= 0) }));

// Builds main/auth/common-passwords.json, the list of passwords the app refuses, from
// SecLists' Passwords/Common-Credentials/10k-most-common.txt (MIT licence; the 10,000 most
// common passwords of the xato.net ten-million-password corpus, most common first).
//
//   node scripts/security/build-common-passwords.mjs path/to/10k-most-common.txt
//
// The rule: every line, CRLF or LF, trimmed and lower-cased (the app compares lower-cased),
// empty lines and repeats dropped, order kept. The shipped file was built from SecLists commit
// 4f84b3c29b5f2192cc82ccdeaf655f0c5f0ab547: 10,000 entries, none repeated.
import { readFileSync, writeFileSync } from 'node:fs';

const source = process.argv[2];
if (!source) {
  console.error('Usage: node scripts/security/build-common-passwords.mjs path/to/10k-most-common.txt');
  process.exit(1);
}
const seen = new Set();
for (const line of readFileSync(source, 'utf8').split(/\r?\n/)) {
  const entry = line.trim().toLowerCase();
  if (entry !== '') seen.add(entry);
}
const target = new URL('../../main/auth/common-passwords.json', import.meta.url);
writeFileSync(target, `[\n${[...seen].map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`);
console.log(`Wrote ${seen.size} passwords to ${target.pathname}`);

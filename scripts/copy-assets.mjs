// Copies the files the build needs besides compiled TypeScript (the console's own CSS) into dist/.
import { cpSync, existsSync } from 'node:fs';

const pairs = [['src/web/assets', 'dist/src/web/assets']];
for (const [from, to] of pairs) {
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}

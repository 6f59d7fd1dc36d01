// npm run migration:generate -- Name : writes migrations/<timestamp>-Name.ts with empty up/down.
import { writeFileSync } from 'node:fs';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('Usage: npm run migration:generate -- NameInPascalCase');
  process.exit(2);
}
const ts = Date.now();
const file = `migrations/${ts}-${name}.ts`;
writeFileSync(
  file,
  `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }
}
`,
);
console.log(`${file} written: fill in up/down and add ${name}${ts} to migrations/index.ts`);

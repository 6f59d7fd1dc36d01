import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The shape of src/ (docs/architecture.md), checked so that it stays: imports go one way, a
// domain's pages live with the domain, and no page file or function grows past what a reader can
// hold. A failure here names the file and what to do.

const SRC = dirname(fileURLToPath(import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'assets' ? [] : walk(path);
    return /\.tsx?$/.test(name) && !/\.(spec|fixture)\.tsx?$/.test(name) ? [path] : [];
  });
}

const FILES = walk(SRC).map((path) => ({ path, rel: relative(SRC, path), text: readFileSync(path, 'utf8') }));

/** The top folder of a file or an import target inside src (`contracts`, `web`, …). */
const folderOf = (rel: string) => rel.split('/')[0];

function importsOf(file: { path: string; text: string }): string[] {
  const out: string[] = [];
  for (const m of file.text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)) {
    out.push(relative(SRC, resolve(dirname(file.path), m[1])));
  }
  return out;
}

/** The case types and the other domains: each may use the shared folders, never the other way round. */
const DOMAINS = ['complaints', 'digid-reports', 'contracts', 'privacy'];
/** Folders every domain may use; they import no domain. `web` is the shell: layout, components, form flow. */
const SHARED = ['common', 'config', 'database', 'calendar', 'notifications', 'deadlines', 'audit', 'auth'];
const SHARED_TOO = ['queue', 'cases', 'schools', 'health'];

const importsOfDomains = (
  files: typeof FILES,
  allowed: (rel: string, target: string) => boolean = () => false,
) =>
  files.flatMap((f) =>
    importsOf(f)
      .filter((target) => DOMAINS.includes(folderOf(target)) && !allowed(f.rel, target))
      .map((target) => `${f.rel} imports ${target}`),
  );

const inWeb = (rel: string) => rel.split('/').includes('web');

describe('the shape of src', () => {
  it('shared folders import no domain (their pages may show a domain’s section: the case list, a school)', () => {
    const shared = FILES.filter((f) => [...SHARED, ...SHARED_TOO].includes(folderOf(f.rel)) && !inWeb(f.rel));
    expect(importsOfDomains(shared)).toEqual([]);
  });

  it('the web shell imports no domain, except the module that lists each domain’s pages', () => {
    const shell = FILES.filter((f) => folderOf(f.rel) === 'web' && f.rel !== 'web/web.module.ts');
    // The texts name each domain's statuses and grounds: messages may read a rules file's lists;
    // the multipart parser takes its file cap from the evidence rule.
    const allowed = (rel: string, target: string) =>
      (rel.startsWith('web/messages/') && target.endsWith('.rules.js')) ||
      (rel === 'web/multipart.ts' && target === 'contracts/evidence.rules.js');
    expect(importsOfDomains(shell, allowed)).toEqual([]);
  });

  it('complaints and DigiD reports share src/cases and do not import each other', () => {
    const types = ['complaints', 'digid-reports'];
    const wrong = FILES.filter((f) => types.includes(folderOf(f.rel))).flatMap((f) =>
      importsOf(f)
        .filter((t) => types.includes(folderOf(t)) && folderOf(t) !== folderOf(f.rel))
        .map((target) => `${f.rel} imports ${target}`),
    );
    expect(wrong).toEqual([]);
  });

  it('keeps every page file under 500 lines (split it into sections beside it)', () => {
    const long = FILES.filter((f) => f.rel.endsWith('.tsx'))
      .map((f) => ({ file: f.rel, lines: f.text.split('\n').length }))
      .filter((f) => f.lines > 500);
    expect(long).toEqual([]);
  });

  it('keeps every page function under 80 lines (a component counts; messages do not)', () => {
    const long: string[] = [];
    for (const f of FILES.filter((x) => inWeb(x.rel) && !x.rel.startsWith('web/messages/'))) {
      const source = ts.createSourceFile(f.rel, f.text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isFunctionLike(node) && 'body' in node && node.body) {
          const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          if (end - start + 1 > 80) {
            const name = (node as ts.FunctionLikeDeclaration).name?.getText(source) ?? '(anonymous)';
            long.push(`${f.rel}:${start + 1} ${name} (${end - start + 1} lines)`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(long).toEqual([]);
  });

  it('leaves in src/web only the shell: no domain page moved back there', () => {
    const pages = FILES.filter((f) => folderOf(f.rel) === 'web' && /@Controller\(/.test(f.text)).map(
      (f) => f.rel,
    );
    // The public home and contact pages, the console start page and the assets are the shell's own.
    expect(pages.filter((p) => !/^web\/(home\.pages\.tsx|start\.pages\.tsx|assets\.ts)$/.test(p))).toEqual(
      [],
    );
  });
});

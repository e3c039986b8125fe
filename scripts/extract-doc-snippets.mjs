// Writes every ```ts block of README.md and docs/*.md to examples/.snippets/, where the typecheck checks them
// and `npm run examples` runs them: a page cannot show code that does not compile or run.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = join('examples', '.snippets');
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
let count = 0;
const pages = [
  'README.md',
  ...readdirSync('docs')
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name)),
];
for (const page of pages) {
  const text = readFileSync(page, 'utf8');
  [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].forEach((block, index) => {
    writeFileSync(
      join(folder, `${page.replace(/^docs\//, '').replace(/\.md$/, '')}-${index + 1}.ts`),
      `${block[1]}export {};\n`,
    );
    count += 1;
  });
}
console.log(`extracted ${count} snippets from README.md and docs/ into ${folder}`);

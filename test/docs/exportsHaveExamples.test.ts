import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Every export of both entry points carries TSDoc with an @example (typedoc's notDocumented check
// only asks for a comment). Read with the compiler, so re-exports resolve to their declarations.
const entries = ['../../src/index.ts', '../../src/node/index.ts'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url)),
);
const program = ts.createProgram(entries, {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  strict: true,
});
const checker = program.getTypeChecker();

function exportsWithoutExample(entry: string): string[] {
  const source = program.getSourceFile(entry);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`cannot read ${entry}`);
  return checker
    .getExportsOfModule(module)
    .filter((symbol) => {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declarations = target.getDeclarations() ?? [];
      return !declarations.some((declaration) => {
        const node = ts.isVariableDeclaration(declaration)
          ? declaration.parent.parent
          : declaration;
        return ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'example');
      });
    })
    .map((symbol) => symbol.name)
    .sort();
}

describe('TSDoc', () => {
  it.each(entries)('every export of %s has an @example', (entry) => {
    expect(exportsWithoutExample(entry)).toEqual([]);
  });
});

import { keysUsedInSources } from '@vigil/test-fixtures';
import { join } from 'node:path';
import { blankStrings, localeKeys } from '../locale-keys';
import en from './en.json';
import fr from './fr.json';

describe('shared UI strings', () => {
  it('has the same keys in English and French', () => {
    expect(localeKeys(fr)).toEqual(localeKeys(en));
  });

  it('leaves no string blank in either language', () => {
    expect(blankStrings(en)).toEqual([]);
    expect(blankStrings(fr)).toEqual([]);
  });

  it('defines every key the shared components use', () => {
    const defined = new Set(localeKeys(en));
    const used = keysUsedInSources(join(__dirname, '..'));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !defined.has(key))).toEqual([]);
  });
});

import { blankStrings, localeKeys } from '@vigil/web-ui/locale-keys';
import sharedEn from '@vigil/web-ui/locales/en.json';
import { keysUsedInSources } from '@vigil/test-fixtures';
import { join } from 'node:path';
import en from './en.json';
import fr from './fr.json';
import { GENDERS, OUTCOMES, PACKAGE_KINDS, PROVINCES, REFERRAL_SOURCES, URGENCY_LEVELS } from '../vocabulary';

describe('referral hub UI strings', () => {
  it('has the same keys in English and French', () => {
    expect(localeKeys(fr)).toEqual(localeKeys(en));
  });

  it('leaves no string blank in either language', () => {
    expect(blankStrings(en)).toEqual([]);
    expect(blankStrings(fr)).toEqual([]);
  });

  it('defines every key the pages use, here or in the shared library', () => {
    const defined = new Set([...localeKeys(en), ...localeKeys(sharedEn)]);
    const used = keysUsedInSources(join(__dirname, '..'));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !defined.has(key))).toEqual([]);
  });

  it('uses no top-level key that the shared library already defines', () => {
    expect(Object.keys(en).filter((key) => key in sharedEn)).toEqual([]);
  });
});

describe('referral hub UI strings for values the server sends', () => {
  it('names every urgency level, package kind, outcome, gender, province and source in both languages', () => {
    const needed = [
      ...URGENCY_LEVELS.map((level) => `urgency.definitions.${level}`),
      ...PACKAGE_KINDS.map((kind) => `packages.kinds.${kind}`),
      ...OUTCOMES.map((outcome) => `dissemination.outcomeNames.${outcome}`),
      ...GENDERS.map((gender) => `genders.${gender}`),
      ...PROVINCES.map((province) => `provinces.${province}`),
      ...REFERRAL_SOURCES.map((source) => `sources.${source}`),
    ];
    for (const resource of [en, fr]) expect(needed.filter((key) => !localeKeys(resource).includes(key))).toEqual([]);
  });
});

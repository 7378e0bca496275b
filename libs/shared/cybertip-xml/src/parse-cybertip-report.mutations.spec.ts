import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CyberTipXmlError } from './cybertip-xml-error';
import { parseCyberTipReport } from './parse-cybertip-report';
import { renderCyberTipReport } from './render-cybertip-report';
import { toVigilIntake } from './to-vigil-intake';

/**
 * Damaged documents must be refused with a CyberTipXmlError (a 400), never a TypeError or other
 * crash (a 500). 500 mutations of the full fixture from a fixed seed, so a failure reproduces.
 */
const full = readFileSync(join(__dirname, '__fixtures__', 'full-report.xml'), 'utf8');

function seededRandom(seed: number): () => number {
  // mulberry32: small, fast and good enough to spread mutations around the document.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GARBAGE = ['<', '>', '&', '&amp;', '&#0;', '&#xFFFFFFFF;', ']]>', '<![CDATA[', '<!--', '"', "'", '</report>', '<report>', '<x>', '</x>', '<__proto__>', '<constructor/>', '\u0000', '\uFFFF', '=', 'true', '-1', '999999999999999999999', '<victim>', '<ipAddress>::g</ipAddress>'];

function mutate(xml: string, random: () => number): { kind: string; xml: string } {
  const at = Math.floor(random() * xml.length);
  switch (Math.floor(random() * 3)) {
    case 0:
      return { kind: 'truncation', xml: xml.slice(0, at) };
    case 1: {
      const tags = [...xml.matchAll(/<\/?[A-Za-z][^>]*>/g)];
      const tag = tags[Math.floor(random() * tags.length)];
      return { kind: `deletion of ${tag[0]}`, xml: xml.slice(0, tag.index) + xml.slice(tag.index + tag[0].length) };
    }
    default: {
      const garbage = GARBAGE[Math.floor(random() * GARBAGE.length)];
      return { kind: `insertion of ${JSON.stringify(garbage)}`, xml: xml.slice(0, at) + garbage + xml.slice(at) };
    }
  }
}

describe('parseCyberTipReport on 500 damaged copies of the full fixture', () => {
  it('either parses (and then renders and maps) or throws a CyberTipXmlError, never anything else', () => {
    const random = seededRandom(20240501);
    const outcomes = { parsed: 0, refused: 0 };
    for (let round = 0; round < 500; round += 1) {
      const { kind, xml } = mutate(full, random);
      try {
        const { report } = parseCyberTipReport(xml);
        renderCyberTipReport(report);
        toVigilIntake(report);
        outcomes.parsed += 1;
      } catch (error) {
        if (!(error instanceof CyberTipXmlError)) {
          throw new Error(`round ${round} (${kind}) threw ${String(error)}`);
        }
        expect(error.message.length).toBeGreaterThan(error.element.length);
        outcomes.refused += 1;
      }
    }
    expect(outcomes.parsed + outcomes.refused).toBe(500);
    // Both paths are exercised: most damage is refused, some (e.g. a deleted optional tag pair half) is not.
    expect(outcomes.refused).toBeGreaterThan(250);
    expect(outcomes.parsed).toBeGreaterThan(0);
  });
});

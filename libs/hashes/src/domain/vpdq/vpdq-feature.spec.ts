import { InvalidPdqHash, PdqHash } from '../pdq/pdq-hash';
import { createVpdqFeature, formatVpdqCompact, InvalidVpdqFeature, parseVpdqCompact, vpdqFeatureFromJson, vpdqFeatureToJson } from './vpdq-feature';

const HEX = 'f0a10efd51c83d429053d48d0fffbc52e34e0e17ada956a9d29685211ea9e58f';

describe('vPDQ features', () => {
  it('round-trips JSON with the hash as hex', () => {
    const feature = createVpdqFeature({ frameNumber: 50, timestampSeconds: 2, pdq: PdqHash.fromHex(HEX), quality: 87 });
    const json = vpdqFeatureToJson(feature);
    expect(json).toEqual({ frameNumber: 50, timestampSeconds: 2, pdq: HEX, quality: 87 });
    expect(vpdqFeatureToJson(vpdqFeatureFromJson(JSON.parse(JSON.stringify(json))))).toEqual(json);
  });

  it('refuses out-of-range fields, naming the field', () => {
    const valid = { frameNumber: 0, timestampSeconds: 0, pdq: HEX, quality: 50 };
    const fieldOf = (props: typeof valid): string | undefined => {
      try {
        createVpdqFeature(props);
        return undefined;
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidVpdqFeature);
        return (error as InvalidVpdqFeature).field;
      }
    };
    expect(fieldOf({ ...valid, frameNumber: -1 })).toBe('frameNumber');
    expect(fieldOf({ ...valid, frameNumber: 1.5 })).toBe('frameNumber');
    expect(fieldOf({ ...valid, timestampSeconds: Number.POSITIVE_INFINITY })).toBe('timestampSeconds');
    expect(fieldOf({ ...valid, quality: 101 })).toBe('quality');
    expect(() => createVpdqFeature({ ...valid, pdq: 'xyz' })).toThrow(InvalidPdqHash);
  });

  it("reads and writes ThreatExchange's compact form, numbering frames by position", () => {
    const feature = parseVpdqCompact(`${HEX},100,1.5`, 3);
    expect(vpdqFeatureToJson(feature)).toEqual({ frameNumber: 3, timestampSeconds: 1.5, pdq: HEX, quality: 100 });
    expect(formatVpdqCompact(feature)).toBe(`${HEX},100,1.500`);
    expect(() => parseVpdqCompact(`${HEX},100`, 0)).toThrow(/expected "<pdq hex>,<quality>,<timestamp>"/);
    expect(() => parseVpdqCompact(`${HEX},high,1.0`, 0)).toThrow(/quality must be an integer/);
    expect(() => parseVpdqCompact(`${HEX},80,-1`, 0)).toThrow(/timestamp must be a non-negative number/);
  });
});

import { BadRequestException } from '@nestjs/common';
import { NulCharacterPipe, pathOfNul } from './nul-character.pipe';

describe('NulCharacterPipe', () => {
  const pipe = new NulCharacterPipe();
  const refusal = (value: unknown, type: 'body' | 'query' | 'param' = 'body', data?: string) => {
    try {
      pipe.transform(value, { type, data });
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return (error as BadRequestException).getResponse();
    }
  };

  it('names the field holding U+0000, nested or in a list', () => {
    expect(refusal({ description: 'a\u0000b' })).toMatchObject({ message: ['description must not contain the NUL character (U+0000)'] });
    expect(refusal({ details: { suspect: { usernames: ['ok', 'bad\u0000'] } } })).toMatchObject({ message: ['details.suspect.usernames[1] must not contain the NUL character (U+0000)'] });
    expect(refusal({ ['odd\u0000key']: 1 })).toMatchObject({ message: ['odd\u0000key must not contain the NUL character (U+0000)'] });
    expect(refusal('ref\u0000', 'param', 'reference')).toMatchObject({ message: ['reference must not contain the NUL character (U+0000)'] });
    expect(refusal({ q: '\u0000' }, 'query')).toMatchObject({ message: ['q must not contain the NUL character (U+0000)'] });
  });

  it('passes everything else through unchanged, Buffers and custom parameters included', () => {
    const body = { description: 'fine: "quotes", \\ and 😀', urls: ['https://example.org/'], n: 3, none: null };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    const file = Buffer.from([0, 1, 2]);
    expect(pipe.transform({ file }, { type: 'body' })).toEqual({ file });
    expect(pipe.transform('\u0000', { type: 'custom' })).toBe('\u0000');
  });

  it('stops at a depth no DTO accepts instead of recursing without end', () => {
    let deep: unknown = 'x\u0000';
    for (let level = 0; level < 100; level++) deep = { deeper: deep };
    expect(pathOfNul(deep, '', 0)).toBeUndefined();
  });
});

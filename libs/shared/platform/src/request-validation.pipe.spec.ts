import { BadRequestException } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { pathOfNul, RequestValidationPipe } from './request-validation.pipe';

class NoteDto {
  @IsString() @MaxLength(10) text!: string;
}

describe('RequestValidationPipe', () => {
  const pipe = new RequestValidationPipe();
  const refusal = async (value: unknown, type: 'body' | 'query' | 'param' = 'body', data?: string) => {
    try {
      await pipe.transform(value, { type, data });
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return (error as BadRequestException).getResponse();
    }
  };

  it('names the field holding U+0000, nested or in a list, in a body, a query or a path', async () => {
    expect(await refusal({ description: 'a\u0000b' })).toMatchObject({ message: ['description must not contain the NUL character (U+0000)'] });
    expect(await refusal({ details: { suspect: { usernames: ['ok', 'bad\u0000'] } } })).toMatchObject({ message: ['details.suspect.usernames[1] must not contain the NUL character (U+0000)'] });
    expect(await refusal({ ['odd\u0000key']: 1 })).toMatchObject({ message: ['odd\u0000key must not contain the NUL character (U+0000)'] });
    expect(await refusal('ref\u0000', 'param', 'reference')).toMatchObject({ message: ['reference must not contain the NUL character (U+0000)'] });
    expect(await refusal({ q: '\u0000' }, 'query')).toMatchObject({ message: ['q must not contain the NUL character (U+0000)'] });
  });

  it('then validates as ValidationPipe does: unknown fields and broken rules refused, the DTO built', async () => {
    await expect(pipe.transform({ text: 'much too long a note' }, { type: 'body', metatype: NoteDto })).rejects.toMatchObject({ response: { message: ['text must be shorter than or equal to 10 characters'] } });
    await expect(pipe.transform({ text: 'ok', extra: 1 }, { type: 'body', metatype: NoteDto })).rejects.toMatchObject({ response: { message: ['property extra should not exist'] } });
    const built = await pipe.transform({ text: 'ok' }, { type: 'body', metatype: NoteDto });
    expect(built).toBeInstanceOf(NoteDto);
  });

  it('passes everything else through, Buffers and custom parameters included', async () => {
    const body = { description: 'fine: "quotes", \\ and 😀', urls: ['https://example.org/'], n: 3, none: null };
    expect(await pipe.transform(body, { type: 'body' })).toEqual(body);
    const file = Buffer.from([0, 1, 2]);
    expect(await pipe.transform({ file }, { type: 'body' })).toEqual({ file });
    expect(await pipe.transform('\u0000', { type: 'custom' })).toBe('\u0000');
  });

  it('stops at a depth no DTO accepts instead of recursing without end', () => {
    let deep: unknown = 'x\u0000';
    for (let level = 0; level < 100; level++) deep = { deeper: deep };
    expect(pathOfNul(deep, '', 0)).toBeUndefined();
  });
});

import { followUpProblems } from './follow-up-questions';

const file = (name: string, type: string, size: number) => ({ name, type, size }) as File;
const valid = { reference: 'VGL-7K3M-9QXD', secret: '7K3M-9QXD-AB12-CD34-EF56-GH78', text: 'more', urls: '', files: [] as File[] };

describe('the follow-up form’s checks', () => {
  it('takes a reference, a secret and something to add', () => {
    expect(followUpProblems(valid)).toEqual([]);
    expect(followUpProblems({ ...valid, reference: 'vgl-7k3m-9qxd', text: '', urls: 'https://example.org/a' })).toEqual([]);
  });

  it('names each missing or wrong field', () => {
    expect(followUpProblems({ reference: 'nope', secret: ' ', text: '', urls: 'example.org', files: [file('a.pdf', 'application/pdf', 10)] }).map((problem) => [problem.field, problem.key])).toEqual([
      ['reference', 'followUp.errors.reference'],
      ['secret', 'followUp.errors.secret'],
      ['urls', 'report.errors.urlInvalid'],
      ['media', 'report.errors.fileType'],
    ]);
    expect(followUpProblems({ ...valid, text: ' ' }).map((problem) => problem.key)).toEqual(['followUp.errors.nothing']);
    expect(followUpProblems({ ...valid, urls: 'https://a.example/x\nsee my post\nwww.example.org/page' }).map((problem) => problem.values?.url)).toEqual(['see my post', 'www.example.org/page']);
  });
});

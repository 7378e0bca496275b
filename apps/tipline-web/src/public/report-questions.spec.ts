import { EMPTY_DRAFT, isWebAddress, questionsFor, structuredReportOf, urlsOf, validateDraft, webAddressesIn, type ReportDraft } from './report-questions';

const draft = (changes: Partial<ReportDraft>): ReportDraft => ({ ...EMPTY_DRAFT, ...changes });
const file = (name: string, type: string, size: number) => ({ name, type, size }) as File;

describe('the public form’s questions', () => {
  it('asks for the URL and never a file for CSAM, and takes screenshots for sextortion and luring', () => {
    expect(questionsFor('csam')).toEqual({ urlsRequired: true, child: false, suspect: false, chats: false, files: false });
    expect(questionsFor('sextortion-financial')).toMatchObject({ urlsRequired: false, chats: true, files: true, child: true });
    expect(questionsFor('online-luring').files).toBe(true);
    expect(questionsFor('intimate-images-of-minor').files).toBe(false);
  });

  it('names each problem with its field', () => {
    expect(validateDraft(EMPTY_DRAFT, [])).toEqual([{ field: 'incidentType', key: 'report.errors.type' }]);
    expect(validateDraft(draft({ incidentType: 'csam' }), []).map((problem) => [problem.field, problem.key])).toEqual([
      ['urls', 'report.errors.urlsRequired'],
      ['description', 'report.errors.descriptionRequired'],
    ]);
    expect(validateDraft(draft({ incidentType: 'csam', urls: 'example.org/x', description: 'seen' }), [])).toEqual([
      { field: 'urls', key: 'report.errors.urlInvalid', values: { url: 'example.org/x' } },
    ]);
    expect(validateDraft(draft({ incidentType: 'other', description: 'x', wantsContact: true }), []).map((problem) => problem.field)).toEqual(['contactEmail']);
  });

  it('names every line that is not a web address, whole, and cuts a very long one in the middle', () => {
    const urls = 'htp:/bad url\nexample.com/page\nhttps://fine.example/a\nftp://x.example/a\nexample.com/page';
    expect(validateDraft(draft({ incidentType: 'csam', urls, description: 'seen' }), [])).toEqual([
      { field: 'urls', key: 'report.errors.urlInvalid', values: { url: 'htp:/bad url' } },
      { field: 'urls', key: 'report.errors.urlInvalid', values: { url: 'example.com/page' } },
      { field: 'urls', key: 'report.errors.urlInvalid', values: { url: 'ftp://x.example/a' } },
    ]);
    const long = `https://long.example/${'a'.repeat(200)} (the page)`;
    const [named] = webAddressesIn(long).wrongLines;
    expect(named).toHaveLength(80);
    expect(named).toMatch(/^https:\/\/long\.example\/a+…a+ \(the page\)$/);
    const many = Array.from({ length: 13 }, (_, index) => `not a url ${index}`).join('\n');
    expect(validateDraft(draft({ incidentType: 'csam', urls: many, description: 'seen' }), []).slice(-2)).toEqual([
      { field: 'urls', key: 'report.errors.urlInvalid', values: { url: 'not a url 9' } },
      { field: 'urls', key: 'report.errors.moreUrlsInvalid', values: { count: 3 } },
    ]);
  });

  it('takes as a web address exactly what the API’s IsUrl takes', () => {
    for (const url of ['https://board.example.test/thread/4471', 'http://192.0.2.10/a?b=c', 'https://xn--caf-dma.example/menu']) expect(isWebAddress(url)).toBe(true);
    // The browser's URL parser takes all of these; the API refuses them.
    for (const url of ['http:/bad.example/x', 'https://under_score.example/', 'https://nodot/', 'https://a.example/a b', `https://a.example/${'x'.repeat(2100)}`]) expect(isWebAddress(url)).toBe(false);
  });

  it('checks evidence files’ type and size where files are asked for', () => {
    const files = [file('chat.png', 'image/png', 1000), file('notes.pdf', 'application/pdf', 1000), file('huge.jpg', 'image/jpeg', 21 * 1024 * 1024)];
    const problems = validateDraft(draft({ incidentType: 'sextortion-sexual', description: 'threats' }), files);
    expect(problems.map((problem) => [problem.key, problem.values?.name])).toEqual([
      ['report.errors.fileType', 'notes.pdf'],
      ['report.errors.fileSize', 'huge.jpg'],
    ]);
  });

  it('sends each answer in its own field, only for the questions the type asks, blanks left out', () => {
    const csam = structuredReportOf(
      draft({ incidentType: 'csam', description: 'A forum post', platform: 'ExampleBoard', usernames: 'user123, other_one', childAge: '6-11', suspectName: 'ignored for CSAM', urls: 'https://a.example/x  https://b.example/y' }),
      'fr',
    );
    expect(csam).toEqual({
      incidentType: 'csam',
      description: 'A forum post',
      urls: ['https://a.example/x', 'https://b.example/y'],
      where: { platform: 'ExampleBoard', usernames: [{ username: 'user123' }, { username: 'other_one' }] },
    });
    const luring = structuredReportOf(
      draft({
        incidentType: 'online-luring',
        description: 'd',
        when: '2026-11-20',
        childAge: '12-13',
        suspectEmails: 'a@example.org\nb@example.org',
        suspectPhones: '613 555 0100',
        suspectAge: 'about 30',
        chats: 'hi',
        wantsContact: true,
        contactEmail: 'parent@example.org',
      }),
      'fr',
    );
    expect(luring).toMatchObject({
      when: { date: '2026-11-20' },
      child: { ageRange: '12-13' },
      suspect: { emails: ['a@example.org', 'b@example.org'], phones: ['613 555 0100'], ageEstimate: 'about 30' },
      chatExcerpts: ['hi'],
      contact: { email: 'parent@example.org', preferredLanguage: 'fr' },
    });
    expect(luring?.child).not.toHaveProperty('gender');
    expect(structuredReportOf(draft({ incidentType: 'other', description: 'd', contactEmail: 'typed@example.org' }), 'en')).not.toHaveProperty('contact');
    expect(urlsOf(draft({ urls: ' https://a.example/x\n\nhttps://b.example/y ' }))).toEqual(['https://a.example/x', 'https://b.example/y']);
  });

  it('names a malformed e-mail or phone in the field it was typed in', () => {
    const problems = validateDraft(draft({ incidentType: 'online-luring', description: 'd', emails: 'ok@example.org, not-an-email', suspectPhones: 'call me' }), []);
    expect(problems).toEqual([
      { field: 'emails', key: 'report.errors.emailInvalid', values: { value: 'not-an-email' } },
      { field: 'suspectPhones', key: 'report.errors.phoneInvalid', values: { value: 'call me' } },
    ]);
  });
});

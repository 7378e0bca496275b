import { composeDescription, EMPTY_DRAFT, questionsFor, urlsOf, validateDraft, type ReportDraft } from './report-questions';

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
    expect(validateDraft(EMPTY_DRAFT, [], 'en')).toEqual([{ field: 'incidentType', key: 'report.errors.type' }]);
    expect(validateDraft(draft({ incidentType: 'csam' }), [], 'en').map((problem) => [problem.field, problem.key])).toEqual([
      ['urls', 'report.errors.urlsRequired'],
      ['description', 'report.errors.descriptionRequired'],
    ]);
    expect(validateDraft(draft({ incidentType: 'csam', urls: 'example.org/x', description: 'seen' }), [], 'en')).toEqual([
      { field: 'urls', key: 'report.errors.urlInvalid', values: { url: 'example.org/x' } },
    ]);
    expect(validateDraft(draft({ incidentType: 'other', description: 'x', wantsContact: true }), [], 'en').map((problem) => problem.field)).toEqual(['contactEmail']);
  });

  it('checks evidence files’ type and size where files are asked for', () => {
    const files = [file('chat.png', 'image/png', 1000), file('notes.pdf', 'application/pdf', 1000), file('huge.jpg', 'image/jpeg', 21 * 1024 * 1024)];
    const problems = validateDraft(draft({ incidentType: 'sextortion-sexual', description: 'threats' }), files, 'en');
    expect(problems.map((problem) => [problem.key, problem.values?.name])).toEqual([
      ['report.errors.fileType', 'notes.pdf'],
      ['report.errors.fileSize', 'huge.jpg'],
    ]);
  });

  it('puts what the API has no field for into the description, only for the questions the type asks', () => {
    const text = composeDescription(
      draft({ incidentType: 'csam', description: 'A forum post', platform: 'ExampleBoard', usernames: 'user123', childAge: '6-11', suspect: 'ignored for CSAM', urls: 'https://a.example/x  https://b.example/y' }),
      'fr',
    );
    expect(text).toBe(['A forum post', '', '--- Details from the form ---', 'Platform or app: ExampleBoard', 'Usernames: user123', 'Contact: anonymous (no contact details given)', 'Form language: fr'].join('\n'));
    const withContact = composeDescription(draft({ incidentType: 'online-luring', description: 'd', childAge: '12-13', chats: 'hi', wantsContact: true, contactEmail: 'parent@example.org' }), 'en');
    expect(withContact).toContain('Child age range: 12-13');
    expect(withContact).toContain('Chat excerpts: hi');
    expect(withContact).toContain('Contact email: parent@example.org');
    expect(withContact).not.toContain('anonymous');
    expect(urlsOf(draft({ urls: ' https://a.example/x\n\nhttps://b.example/y ' }))).toEqual(['https://a.example/x', 'https://b.example/y']);
  });
});

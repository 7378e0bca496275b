import { rejectionProblem } from './rejection';

describe('what counts as a refusal that names the problem', () => {
  it('accepts a 4xx whose JSON message (or Arachnid-style detail) says what was wrong', () => {
    expect(rejectionProblem(400, { message: ['incidentType must be one of: csam'] }, '{}')).toBeUndefined();
    expect(rejectionProblem(422, { detail: 'send the media bytes as the request body' }, '{}')).toBeUndefined();
  });

  it('refuses a 5xx, a bare status phrase, an empty or non-JSON body and a leaked stack', () => {
    expect(rejectionProblem(500, { message: 'x' }, '{}')).toMatch(/not a 4xx/);
    expect(rejectionProblem(400, { message: 'Bad Request' }, '{}')).toMatch(/only repeats/);
    expect(rejectionProblem(400, { statusCode: 400 }, '{}')).toMatch(/no message/);
    expect(rejectionProblem(400, 'oops', 'oops')).toMatch(/not JSON/);
    expect(rejectionProblem(400, { message: 'x' }, 'Error: x\n    at parse (/app/dist/main.js:10:5)')).toMatch(/leaks/);
  });
});

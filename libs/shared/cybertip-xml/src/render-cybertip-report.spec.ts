import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { CyberTipReport } from './cybertip-report';
import { parseCyberTipReport } from './parse-cybertip-report';
import { renderCyberTipReport } from './render-cybertip-report';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

describe('renderCyberTipReport', () => {
  it.each(['full-report.xml', 'minimal-report.xml', 'several-users-and-files.xml'])('round-trips %s: parse(render(report)) equals report', (name) => {
    const { report } = parseCyberTipReport(fixture(name));
    const rendered = renderCyberTipReport(report);
    expect(XMLValidator.validate(rendered)).toBe(true);
    const again = parseCyberTipReport(rendered);
    expect(again.report).toStrictEqual(report);
    expect(again.unmappedElements).toEqual([]);
  });

  it('writes elements in the schema order, whatever order the model was built in', () => {
    const { report } = parseCyberTipReport(fixture('full-report.xml'));
    const rendered = renderCyberTipReport(report);
    const order = ['<incidentSummary>', '<internetDetails>', '<lawEnforcement>', '<reporter>', '<personOrUserReported>', '<intendedRecipient>', '<victim>', '<fileDetails>'];
    const positions = order.map((tag) => rendered.indexOf(tag));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const reported = rendered.slice(rendered.indexOf('<personOrUserReported>'), rendered.indexOf('</personOrUserReported>'));
    const fields = ['<personOrUserReportedPerson>', '<vehicleDescription>', '<espIdentifier>', '<screenName>', '<ipCaptureEvent>', '<deviceId>', '<thirdPartyUserReported>', '<priorCTReports>', '<groupIdentifier>', '<accountTemporarilyDisabled', '<estimatedLocation', '<additionalInfo>'];
    const fieldPositions = fields.map((tag) => reported.indexOf(tag));
    expect(fieldPositions.every((position) => position >= 0)).toBe(true);
    expect([...fieldPositions].sort((a, b) => a - b)).toEqual(fieldPositions);
  });

  it('renders flags as empty elements, attributes as attributes, and escapes text', () => {
    const report: CyberTipReport = {
      incidentSummary: { incidentType: 'Child Sex Tourism', reportAnnotations: ['spam'], incidentDateTime: '2024-01-01T00:00:00Z' },
      internetDetails: [{ webPageIncident: { url: ['https://example.com/?a=1&b=<2>'], thirdPartyHostedContent: true } }],
      reporter: { reportingPerson: { phone: [], email: [{ value: 'r@example.com', type: 'Work' }], address: [] } },
      intendedRecipient: [],
      victim: [],
      additionalInfo: 'quotes " and \' and ]]> stay text',
      fileDetails: [],
    };
    const rendered = renderCyberTipReport(report);
    expect(rendered).toContain('<spam/>');
    expect(rendered).toContain('<webPageIncident thirdPartyHostedContent="true">');
    expect(rendered).toContain('<url>https://example.com/?a=1&amp;b=&lt;2&gt;</url>');
    expect(rendered).toContain('<email type="Work">r@example.com</email>');
    expect(rendered).not.toContain('<lawEnforcement');
    expect(parseCyberTipReport(rendered).report).toStrictEqual(report);
  });
});

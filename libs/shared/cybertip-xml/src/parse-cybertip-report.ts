/**
 * CyberTipline report XML → the typed model, checking what the schema requires and every typed
 * value on the way. The original text is returned beside the model: it is what a partner sent,
 * and what an investigator may need verbatim.
 */
import {
  ADDRESS_TYPES,
  CAPTURE_EVENT_NAMES,
  EMAIL_TYPES,
  FILE_ANNOTATIONS,
  FILE_DETAILS_TYPES,
  FILE_RELEVANCES,
  INDUSTRY_CLASSIFICATIONS,
  INTERNET_DETAIL_KINDS,
  NCMEC_INCIDENT_TYPES,
  PHONE_TYPES,
  REPORT_ANNOTATIONS,
  type AccountPermanentlyDisabled,
  type AccountTemporarilyDisabled,
  type Address,
  type ContactPerson,
  type CyberTipReport,
  type DeviceId,
  type Email,
  type EstimatedLocation,
  type FileDetails,
  type IncidentSummary,
  type InternetDetails,
  type IntendedRecipient,
  type IpCaptureEvent,
  type LawEnforcement,
  type OnlineAccount,
  type Person,
  type PersonOrUserReported,
  type Phone,
  type Reporter,
  type Victim,
} from './cybertip-report';
import { compact } from './compact';
import { CyberTipXmlError } from './cybertip-xml-error';
import { ElementReader, ReadSession } from './xml/element-reader';
import {
  asBoolean,
  asDate,
  asDateTime,
  asDecimalBetween,
  asDigits,
  asIntegerBetween,
  asIpAddress,
  asOneOf,
  asText,
  checkHashValue,
} from './xml/field-values';
import { DEFAULT_XML_LIMITS, readSafeXmlDocument, type XmlLimits } from './xml/safe-xml-document';

export interface ParsedCyberTipReport {
  report: CyberTipReport;
  /** The XML exactly as received. */
  original: string;
  /**
   * Elements and attributes present in the document that the model does not map (newer or rarer
   * schema parts, e.g. `associatedAccount`), as paths. They stay in `original`; apps should log or
   * show them rather than assume the model holds everything.
   */
  unmappedElements: string[];
}

/** Schema plumbing on the root element, not report data. */
const IGNORED_ROOT_ATTRIBUTES = ['noNamespaceSchemaLocation', 'schemaLocation'];

/** Parses a CyberTipline `<report>` document, or throws a CyberTipXmlError naming the element at fault. */
export function parseCyberTipReport(xml: string, limits: Partial<XmlLimits> = {}): ParsedCyberTipReport {
  const { rootName, root } = readSafeXmlDocument(xml, { ...DEFAULT_XML_LIMITS, ...limits });
  if (rootName !== 'report') {
    throw new CyberTipXmlError('wrong-root', rootName, 'a CyberTipline report document has <report> as its root element');
  }
  const session = new ReadSession();
  const report = readReport(session.root('report', root));
  return { report, original: xml, unmappedElements: session.unmapped(IGNORED_ROOT_ATTRIBUTES) };
}

function readReport(element: ElementReader): CyberTipReport {
  return compact({
    ncmecReportId: element.attribute('ncmecReportId', asDigits),
    partnerReference: element.attribute('partnerReference', asText),
    incidentSummary: readIncidentSummary(element.required('incidentSummary')),
    internetDetails: element.all('internetDetails').map(readInternetDetails),
    lawEnforcement: mapOptional(element.optional('lawEnforcement'), readLawEnforcement),
    reporter: readReporter(element.required('reporter')),
    personOrUserReported: mapOptional(element.optional('personOrUserReported'), readPersonOrUserReported),
    intendedRecipient: element.all('intendedRecipient').map(readIntendedRecipient),
    victim: element.all('victim').map(readVictim),
    additionalInfo: element.value('additionalInfo', asText),
    fileDetails: element.all('fileDetails').map(readFileDetails),
  });
}

function readIncidentSummary(element: ElementReader): IncidentSummary {
  return compact({
    incidentType: element.requiredValue('incidentType', asOneOf(NCMEC_INCIDENT_TYPES)),
    platform: element.value('platform', asText),
    escalateToHighPriority: element.value('escalateToHighPriority', asText),
    reportAnnotations: readFlags(element.optional('reportAnnotations'), REPORT_ANNOTATIONS),
    incidentDateTime: element.requiredValue('incidentDateTime', asDateTime),
    incidentDateTimeDescription: element.value('incidentDateTimeDescription', asText),
  });
}

/** Presence flags (`<sextortion/>`): an element present and not "false"/"0" sets its flag. */
function readFlags<T extends string>(element: ElementReader | undefined, names: readonly T[]): T[] {
  if (!element) return [];
  return names.filter((name) => {
    const flag = element.optional(name);
    if (!flag) return false;
    const text = flag.text();
    return text === '' || asBoolean(flag.path, text);
  });
}

function readInternetDetails(element: ElementReader): InternetDetails {
  const present = INTERNET_DETAIL_KINDS.filter((kind) => element.childNames().includes(kind));
  if (present.length !== 1) {
    throw new CyberTipXmlError(
      present.length ? 'repeated' : 'missing',
      element.path,
      `holds exactly one of ${INTERNET_DETAIL_KINDS.map((kind) => `<${kind}>`).join(', ')}; found ${present.length ? present.map((kind) => `<${kind}>`).join(' and ') : 'none'}`,
    );
  }
  const kind = present[0];
  const incident = element.required(kind);
  switch (kind) {
    case 'webPageIncident':
      return {
        webPageIncident: compact({
          url: incident.values('url', asText),
          additionalInfo: incident.value('additionalInfo', asText),
          thirdPartyHostedContent: incident.attribute('thirdPartyHostedContent', asBoolean),
        }),
      };
    case 'emailIncident':
      return {
        emailIncident: compact({
          emailAddress: incident.all('emailAddress').map(readEmail),
          content: incident.value('content', asText),
          additionalInfo: incident.value('additionalInfo', asText),
        }),
      };
    case 'newsgroupIncident':
      return {
        newsgroupIncident: compact({
          name: incident.value('name', asText),
          emailAddress: incident.all('emailAddress').map(readEmail),
          content: incident.value('content', asText),
          additionalInfo: incident.value('additionalInfo', asText),
        }),
      };
    case 'chatImIncident':
      return {
        chatImIncident: compact({
          chatClient: incident.value('chatClient', asText),
          chatRoomName: incident.value('chatRoomName', asText),
          content: incident.value('content', asText),
          additionalInfo: incident.value('additionalInfo', asText),
        }),
      };
    case 'onlineGamingIncident':
      return {
        onlineGamingIncident: compact({
          gameName: incident.value('gameName', asText),
          console: incident.value('console', asText),
          content: incident.value('content', asText),
          additionalInfo: incident.value('additionalInfo', asText),
        }),
      };
    case 'cellPhoneIncident':
      return {
        cellPhoneIncident: compact({
          phoneNumber: mapOptional(incident.optional('phoneNumber'), readPhone),
          latitude: incident.value('latitude', asDecimalBetween(-90, 90)),
          longitude: incident.value('longitude', asDecimalBetween(-180, 180)),
          additionalInfo: incident.value('additionalInfo', asText),
        }),
      };
    case 'nonInternetIncident':
      return {
        nonInternetIncident: compact({
          locationName: incident.value('locationName', asText),
          incidentAddress: incident.all('incidentAddress').map(readAddress),
          additionalInfo: incident.value('additionalInfo', asText),
        }),
      };
    case 'peer2peerIncident':
      return {
        peer2peerIncident: compact({
          client: incident.value('client', asText),
          ipCaptureEvent: incident.all('ipCaptureEvent').map(readIpCaptureEvent),
          fileNames: incident.value('fileNames', asText),
          additionalInfo: incident.value('additionalInfo', asText),
        }),
      };
  }
}

function readLawEnforcement(element: ElementReader): LawEnforcement {
  const international = element.optional('servedLegalProcessInternational');
  return compact({
    agencyName: element.requiredValue('agencyName', asText),
    caseNumber: element.value('caseNumber', asText),
    officerContact: mapOptional(element.optional('officerContact'), readContactPerson),
    reportedToLe: element.value('reportedToLe', asBoolean),
    servedLegalProcessDomestic: element.value('servedLegalProcessDomestic', asBoolean),
    servedLegalProcessInternational: international
      ? compact({ value: international.ownValue(asBoolean), fleaCountry: international.attribute('fleaCountry', asText) })
      : undefined,
  });
}

function readReporter(element: ElementReader): Reporter {
  return compact({
    reportingPerson: readPerson(element.required('reportingPerson')),
    contactPerson: mapOptional(element.optional('contactPerson'), readContactPerson),
    companyTemplate: element.value('companyTemplate', asText),
    termsOfService: element.value('termsOfService', asText),
    legalURL: element.value('legalURL', asText),
  });
}

function readContactPerson(element: ElementReader): ContactPerson {
  return compact({
    firstName: element.value('firstName', asText),
    lastName: element.value('lastName', asText),
    phone: element.all('phone').map(readPhone),
    email: element.all('email').map(readEmail),
    address: element.all('address').map(readAddress),
  });
}

function readPerson(element: ElementReader): Person {
  return compact({
    ...readContactPerson(element),
    age: element.value('age', asIntegerBetween(0, 150)),
    dateOfBirth: element.value('dateOfBirth', asDate),
  });
}

function readPhone(element: ElementReader): Phone {
  return compact({
    value: element.ownValue(asText),
    type: element.attribute('type', asOneOf(PHONE_TYPES)),
    verified: element.attribute('verified', asBoolean),
    verificationDate: element.attribute('verificationDate', asDateTime),
    countryCallingCode: element.attribute('countryCallingCode', asText),
    extension: element.attribute('extension', asText),
  });
}

function readEmail(element: ElementReader): Email {
  return compact({
    value: element.ownValue(asText),
    type: element.attribute('type', asOneOf(EMAIL_TYPES)),
    verified: element.attribute('verified', asBoolean),
    verificationDate: element.attribute('verificationDate', asDateTime),
  });
}

function readAddress(element: ElementReader): Address {
  return compact({
    type: element.attribute('type', asOneOf(ADDRESS_TYPES)),
    address: element.value('address', asText),
    city: element.value('city', asText),
    zipCode: element.value('zipCode', asText),
    state: element.value('state', asText),
    nonUsaState: element.value('nonUsaState', asText),
    country: element.value('country', asText),
  });
}

function readIpCaptureEvent(element: ElementReader): IpCaptureEvent {
  return compact({
    ipAddress: element.requiredValue('ipAddress', asIpAddress),
    eventName: element.value('eventName', asOneOf(CAPTURE_EVENT_NAMES)),
    dateTime: element.value('dateTime', asDateTime),
    possibleProxy: element.value('possibleProxy', asBoolean),
    port: element.value('port', asIntegerBetween(0, 65535)),
  });
}

function readDeviceId(element: ElementReader): DeviceId {
  return compact({
    idType: element.requiredValue('idType', asText),
    idValue: element.requiredValue('idValue', asText),
    eventName: element.value('eventName', asOneOf(CAPTURE_EVENT_NAMES)),
    dateTime: element.value('dateTime', asDateTime),
  });
}

function readEstimatedLocation(element: ElementReader): EstimatedLocation {
  return compact({
    city: element.value('city', asText),
    region: element.value('region', asText),
    countryCode: element.value('countryCode', asText),
    verified: element.attribute('verified', asBoolean),
    timestamp: element.attribute('timestamp', asDateTime),
  });
}

/** A temporary disable is a permanent one's shape plus the date the account came back. */
function readAccountTemporarilyDisabled(element: ElementReader): AccountTemporarilyDisabled {
  return compact({ ...readAccountPermanentlyDisabled(element), reenabledDate: element.attribute('reenabledDate', asDateTime) });
}

function readAccountPermanentlyDisabled(element: ElementReader): AccountPermanentlyDisabled {
  return compact({
    value: element.ownValue(asBoolean),
    disabledDate: element.attribute('disabledDate', asDateTime),
    userNotified: element.attribute('userNotified', asBoolean),
    userNotifiedDate: element.attribute('userNotifiedDate', asDateTime),
  });
}

/** The parts shared by the reported user, intended recipients and victims. */
function readOnlineAccount(element: ElementReader): OnlineAccount {
  return compact({
    espIdentifier: element.value('espIdentifier', asText),
    espService: element.value('espService', asText),
    compromisedAccount: element.value('compromisedAccount', asBoolean),
    screenName: element.value('screenName', asText),
    displayName: element.values('displayName', asText),
    profileUrl: element.values('profileUrl', asText),
    profileBio: element.value('profileBio', asText),
    ipCaptureEvent: element.all('ipCaptureEvent').map(readIpCaptureEvent),
    deviceId: element.all('deviceId').map(readDeviceId),
    priorCTReports: element.values('priorCTReports', asDigits),
    accountTemporarilyDisabled: mapOptional(element.optional('accountTemporarilyDisabled'), readAccountTemporarilyDisabled),
    accountPermanentlyDisabled: mapOptional(element.optional('accountPermanentlyDisabled'), readAccountPermanentlyDisabled),
    estimatedLocation: mapOptional(element.optional('estimatedLocation'), readEstimatedLocation),
    additionalInfo: element.value('additionalInfo', asText),
  });
}

function readPersonOrUserReported(element: ElementReader): PersonOrUserReported {
  return compact({
    personOrUserReportedPerson: mapOptional(element.optional('personOrUserReportedPerson'), readPerson),
    vehicleDescription: element.value('vehicleDescription', asText),
    ...readOnlineAccount(element),
    thirdPartyUserReported: element.value('thirdPartyUserReported', asBoolean),
    groupIdentifier: element.value('groupIdentifier', asText),
  });
}

function readIntendedRecipient(element: ElementReader): IntendedRecipient {
  return compact({
    intendedRecipientPerson: mapOptional(element.optional('intendedRecipientPerson'), readPerson),
    ...readOnlineAccount(element),
    groupIdentifier: element.value('groupIdentifier', asText),
  });
}

function readVictim(element: ElementReader): Victim {
  return compact({
    victimPerson: mapOptional(element.optional('victimPerson'), readPerson),
    ...readOnlineAccount(element),
    schoolName: element.value('schoolName', asText),
  });
}

function readFileDetails(element: ElementReader): FileDetails {
  return compact({
    reportId: element.value('reportId', asDigits),
    fileId: element.value('fileId', asText),
    fileName: element.value('fileName', asText),
    originalFileName: element.value('originalFileName', asText),
    uploadedToEspTimestamp: element.value('uploadedToEspTimestamp', asDateTime),
    locationOfFile: element.value('locationOfFile', asText),
    fileViewedByEsp: element.value('fileViewedByEsp', asBoolean),
    exifViewedByEsp: element.value('exifViewedByEsp', asBoolean),
    publiclyAvailable: element.value('publiclyAvailable', asBoolean),
    fileRelevance: element.value('fileRelevance', asOneOf(FILE_RELEVANCES)),
    fileAnnotations: readFlags(element.optional('fileAnnotations'), FILE_ANNOTATIONS),
    industryClassification: element.value('industryClassification', asOneOf(INDUSTRY_CLASSIFICATIONS)),
    originalFileHash: element.all('originalFileHash').map((hash) => {
      const hashType = hash.requiredAttribute('hashType', asText);
      return { hashType, value: checkHashValue(hash.path, hashType, hash.ownValue(asText)) };
    }),
    ipCaptureEvent: mapOptional(element.optional('ipCaptureEvent'), readIpCaptureEvent),
    deviceId: element.all('deviceId').map(readDeviceId),
    details: element.all('details').map((details) =>
      compact({
        type: details.attribute('type', asOneOf(FILE_DETAILS_TYPES)),
        nameValuePair: details
          .all('nameValuePair')
          .map((pair) => compact({ name: pair.requiredValue('name', asText), value: pair.value('value', asText) })),
      }),
    ),
    additionalInfo: element.values('additionalInfo', asText),
  });
}

function mapOptional<T>(element: ElementReader | undefined, read: (element: ElementReader) => T): T | undefined {
  return element ? read(element) : undefined;
}

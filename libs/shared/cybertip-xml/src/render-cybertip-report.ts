/**
 * The typed model → CyberTipline report XML, elements in the schema's order, for export to
 * partners that take NCMEC's format. parseCyberTipReport(renderCyberTipReport(r)).report equals r.
 */
import { XMLBuilder } from 'fast-xml-parser';
import type {
  AccountPermanentlyDisabled,
  AccountTemporarilyDisabled,
  Address,
  ContactPerson,
  CyberTipReport,
  DeviceId,
  Email,
  EstimatedLocation,
  FileDetails,
  IncidentSummary,
  InternetDetails,
  IntendedRecipient,
  IpCaptureEvent,
  LawEnforcement,
  OnlineAccount,
  Person,
  PersonOrUserReported,
  Phone,
  Reporter,
  Victim,
} from './cybertip-report';

/** What XMLBuilder takes: an element's attributes (`@_name`), text (`#text`) and children, in order. */
type XmlValue = string | XmlElement | XmlValue[] | undefined;
interface XmlElement {
  [key: string]: XmlValue;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

export function renderCyberTipReport(report: CyberTipReport): string {
  const root: XmlElement = {
    '@_ncmecReportId': report.ncmecReportId,
    '@_partnerReference': report.partnerReference,
    incidentSummary: incidentSummary(report.incidentSummary),
    internetDetails: report.internetDetails.map(internetDetails),
    lawEnforcement: report.lawEnforcement && lawEnforcement(report.lawEnforcement),
    reporter: reporter(report.reporter),
    personOrUserReported: report.personOrUserReported && personOrUserReported(report.personOrUserReported),
    intendedRecipient: report.intendedRecipient.map(intendedRecipient),
    victim: report.victim.map(victim),
    additionalInfo: report.additionalInfo,
    fileDetails: report.fileDetails.map(fileDetails),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ report: withoutEmpty(root) })}`;
}

function incidentSummary(summary: IncidentSummary): XmlElement {
  return {
    incidentType: summary.incidentType,
    platform: summary.platform,
    escalateToHighPriority: summary.escalateToHighPriority,
    reportAnnotations: flags(summary.reportAnnotations),
    incidentDateTime: summary.incidentDateTime,
    incidentDateTimeDescription: summary.incidentDateTimeDescription,
  };
}

/** Presence flags render as empty elements (`<sextortion/>`). */
function flags(names: readonly string[]): XmlElement | undefined {
  return names.length ? Object.fromEntries(names.map((name) => [name, ''])) : undefined;
}

function internetDetails(details: InternetDetails): XmlElement {
  if ('webPageIncident' in details) {
    const incident = details.webPageIncident;
    return {
      webPageIncident: {
        '@_thirdPartyHostedContent': bool(incident.thirdPartyHostedContent),
        url: incident.url,
        additionalInfo: incident.additionalInfo,
      },
    };
  }
  if ('emailIncident' in details) {
    const incident = details.emailIncident;
    return { emailIncident: { emailAddress: incident.emailAddress.map(email), content: incident.content, additionalInfo: incident.additionalInfo } };
  }
  if ('newsgroupIncident' in details) {
    const incident = details.newsgroupIncident;
    return {
      newsgroupIncident: { name: incident.name, emailAddress: incident.emailAddress.map(email), content: incident.content, additionalInfo: incident.additionalInfo },
    };
  }
  if ('chatImIncident' in details) {
    const incident = details.chatImIncident;
    return {
      chatImIncident: { chatClient: incident.chatClient, chatRoomName: incident.chatRoomName, content: incident.content, additionalInfo: incident.additionalInfo },
    };
  }
  if ('onlineGamingIncident' in details) {
    const incident = details.onlineGamingIncident;
    return { onlineGamingIncident: { gameName: incident.gameName, console: incident.console, content: incident.content, additionalInfo: incident.additionalInfo } };
  }
  if ('cellPhoneIncident' in details) {
    const incident = details.cellPhoneIncident;
    return {
      cellPhoneIncident: {
        phoneNumber: incident.phoneNumber && phone(incident.phoneNumber),
        latitude: num(incident.latitude),
        longitude: num(incident.longitude),
        additionalInfo: incident.additionalInfo,
      },
    };
  }
  if ('nonInternetIncident' in details) {
    const incident = details.nonInternetIncident;
    return {
      nonInternetIncident: { locationName: incident.locationName, incidentAddress: incident.incidentAddress.map(address), additionalInfo: incident.additionalInfo },
    };
  }
  const incident = details.peer2peerIncident;
  return {
    peer2peerIncident: {
      client: incident.client,
      ipCaptureEvent: incident.ipCaptureEvent.map(ipCaptureEvent),
      fileNames: incident.fileNames,
      additionalInfo: incident.additionalInfo,
    },
  };
}

function lawEnforcement(agency: LawEnforcement): XmlElement {
  const international = agency.servedLegalProcessInternational;
  return {
    agencyName: agency.agencyName,
    caseNumber: agency.caseNumber,
    officerContact: agency.officerContact && contactPerson(agency.officerContact),
    reportedToLe: bool(agency.reportedToLe),
    servedLegalProcessDomestic: bool(agency.servedLegalProcessDomestic),
    servedLegalProcessInternational: international && { '@_fleaCountry': international.fleaCountry, '#text': bool(international.value) },
  };
}

function reporter(value: Reporter): XmlElement {
  return {
    reportingPerson: person(value.reportingPerson),
    contactPerson: value.contactPerson && contactPerson(value.contactPerson),
    companyTemplate: value.companyTemplate,
    termsOfService: value.termsOfService,
    legalURL: value.legalURL,
  };
}

function contactPerson(value: ContactPerson): XmlElement {
  return {
    firstName: value.firstName,
    lastName: value.lastName,
    phone: value.phone.map(phone),
    email: value.email.map(email),
    address: value.address.map(address),
  };
}

function person(value: Person): XmlElement {
  return { ...contactPerson(value), age: num(value.age), dateOfBirth: value.dateOfBirth };
}

function phone(value: Phone): XmlElement {
  return {
    '@_type': value.type,
    '@_verified': bool(value.verified),
    '@_verificationDate': value.verificationDate,
    '@_countryCallingCode': value.countryCallingCode,
    '@_extension': value.extension,
    '#text': value.value,
  };
}

function email(value: Email): XmlElement {
  return { '@_type': value.type, '@_verified': bool(value.verified), '@_verificationDate': value.verificationDate, '#text': value.value };
}

function address(value: Address): XmlElement {
  return {
    '@_type': value.type,
    address: value.address,
    city: value.city,
    zipCode: value.zipCode,
    state: value.state,
    nonUsaState: value.nonUsaState,
    country: value.country,
  };
}

function ipCaptureEvent(value: IpCaptureEvent): XmlElement {
  return {
    ipAddress: value.ipAddress,
    eventName: value.eventName,
    dateTime: value.dateTime,
    possibleProxy: bool(value.possibleProxy),
    port: num(value.port),
  };
}

function deviceId(value: DeviceId): XmlElement {
  return { idType: value.idType, idValue: value.idValue, eventName: value.eventName, dateTime: value.dateTime };
}

function estimatedLocation(value: EstimatedLocation): XmlElement {
  return {
    '@_verified': bool(value.verified),
    '@_timestamp': value.timestamp,
    city: value.city,
    region: value.region,
    countryCode: value.countryCode,
  };
}

function accountDisabled(value: AccountTemporarilyDisabled | AccountPermanentlyDisabled): XmlElement {
  return {
    '@_disabledDate': value.disabledDate,
    '@_userNotified': bool(value.userNotified),
    '@_userNotifiedDate': value.userNotifiedDate,
    '@_reenabledDate': 'reenabledDate' in value ? value.reenabledDate : undefined,
    '#text': bool(value.value),
  };
}

/** The account elements in the order the schema gives them, with the type's own ones slotted in. */
function onlineAccount(value: OnlineAccount, own: { beforeIdentity?: XmlElement; afterDevices?: XmlElement; afterPriorReports?: XmlElement }): XmlElement {
  return {
    ...own.beforeIdentity,
    espIdentifier: value.espIdentifier,
    espService: value.espService,
    compromisedAccount: bool(value.compromisedAccount),
    screenName: value.screenName,
    displayName: value.displayName,
    profileUrl: value.profileUrl,
    profileBio: value.profileBio,
    ipCaptureEvent: value.ipCaptureEvent.map(ipCaptureEvent),
    deviceId: value.deviceId.map(deviceId),
    ...own.afterDevices,
    priorCTReports: value.priorCTReports,
    ...own.afterPriorReports,
    accountTemporarilyDisabled: value.accountTemporarilyDisabled && accountDisabled(value.accountTemporarilyDisabled),
    accountPermanentlyDisabled: value.accountPermanentlyDisabled && accountDisabled(value.accountPermanentlyDisabled),
    estimatedLocation: value.estimatedLocation && estimatedLocation(value.estimatedLocation),
    additionalInfo: value.additionalInfo,
  };
}

function personOrUserReported(value: PersonOrUserReported): XmlElement {
  return onlineAccount(value, {
    beforeIdentity: {
      personOrUserReportedPerson: value.personOrUserReportedPerson && person(value.personOrUserReportedPerson),
      vehicleDescription: value.vehicleDescription,
    },
    afterDevices: { thirdPartyUserReported: bool(value.thirdPartyUserReported) },
    afterPriorReports: { groupIdentifier: value.groupIdentifier },
  });
}

function intendedRecipient(value: IntendedRecipient): XmlElement {
  return onlineAccount(value, {
    beforeIdentity: { intendedRecipientPerson: value.intendedRecipientPerson && person(value.intendedRecipientPerson) },
    afterPriorReports: { groupIdentifier: value.groupIdentifier },
  });
}

function victim(value: Victim): XmlElement {
  return onlineAccount(value, {
    beforeIdentity: { victimPerson: value.victimPerson && person(value.victimPerson) },
    afterDevices: { schoolName: value.schoolName },
  });
}

function fileDetails(file: FileDetails): XmlElement {
  return {
    reportId: file.reportId,
    fileId: file.fileId,
    fileName: file.fileName,
    originalFileName: file.originalFileName,
    uploadedToEspTimestamp: file.uploadedToEspTimestamp,
    locationOfFile: file.locationOfFile,
    fileViewedByEsp: bool(file.fileViewedByEsp),
    exifViewedByEsp: bool(file.exifViewedByEsp),
    publiclyAvailable: bool(file.publiclyAvailable),
    fileRelevance: file.fileRelevance,
    fileAnnotations: flags(file.fileAnnotations),
    industryClassification: file.industryClassification,
    originalFileHash: file.originalFileHash.map((hash) => ({ '@_hashType': hash.hashType, '#text': hash.value })),
    ipCaptureEvent: file.ipCaptureEvent && ipCaptureEvent(file.ipCaptureEvent),
    deviceId: file.deviceId.map(deviceId),
    details: file.details.map((details) => ({
      '@_type': details.type,
      nameValuePair: details.nameValuePair.map((pair) => ({ name: pair.name, value: pair.value })),
    })),
    additionalInfo: file.additionalInfo,
  };
}

function bool(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function num(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/**
 * Drops undefined values and empty arrays at every level, so absent optional parts are absent in
 * the XML rather than empty elements (an empty flag element, '', is kept: its presence is the value).
 */
function withoutEmpty(element: XmlElement): XmlElement {
  const kept: XmlElement = {};
  for (const [key, value] of Object.entries(element)) {
    const cleaned = clean(value);
    if (cleaned !== undefined) kept[key] = cleaned;
  }
  return kept;
}

function clean(value: XmlValue): XmlValue {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(clean).filter((item) => item !== undefined);
    return items.length ? items : undefined;
  }
  return typeof value === 'string' ? value : withoutEmpty(value);
}

/**
 * A typed model of the NCMEC CyberTipline report, as the CyberTipline Reporting API ("ispws")
 * schema defines it: the `<report>` document and the per-file `<fileDetails>` documents.
 *
 * Field names are the schema's element names, so a reader can go from the XML to the model
 * without a lookup table. Elements the schema lets repeat are always arrays (empty when absent),
 * so one occurrence or many never changes the shape. Dates and date-times stay the text the
 * partner sent (validated ISO 8601), so rendering gives back exactly what was received.
 *
 * Two things are Vigil's, not the schema's (see README "cybertip-xml"):
 * - `<fileDetails>` elements may follow the report's own sections inside `<report>`: ispws sends
 *   each file's details as a separate document, but an import or export is one document;
 * - the root may carry `ncmecReportId` and `partnerReference` attributes, the references a
 *   retried import is recognised by.
 */

export const NCMEC_INCIDENT_TYPES = [
  'Child Pornography (possession, manufacture, and distribution)',
  'Child Sex Trafficking',
  'Child Sex Tourism',
  'Child Sexual Molestation',
  'Misleading Domain Name',
  'Misleading Words or Digital Images on the Internet',
  'Online Enticement of Children for Sexual Acts',
  'Unsolicited Obscene Material Sent to a Child',
] as const;
export type NcmecIncidentType = (typeof NCMEC_INCIDENT_TYPES)[number];

/** Report tags; in the XML each is an empty element whose presence sets it. */
export const REPORT_ANNOTATIONS = ['sextortion', 'csamSolicitation', 'minorToMinorInteraction', 'spam', 'sadisticOnlineExploitation'] as const;
export type ReportAnnotation = (typeof REPORT_ANNOTATIONS)[number];

/** File tags; in the XML each is an empty element whose presence sets it. */
export const FILE_ANNOTATIONS = [
  'animeDrawingVirtualHentai',
  'potentialMeme',
  'viral',
  'possibleSelfProduction',
  'physicalHarm',
  'violenceGore',
  'bestiality',
  'liveStreaming',
  'infant',
  'generativeAi',
] as const;
export type FileAnnotation = (typeof FILE_ANNOTATIONS)[number];

/** The industry classification scale: A prepubescent, B pubescent; 1 sex act, 2 lascivious exhibition. */
export const INDUSTRY_CLASSIFICATIONS = ['A1', 'A2', 'B1', 'B2'] as const;
export type IndustryClassification = (typeof INDUSTRY_CLASSIFICATIONS)[number];

export const FILE_RELEVANCES = ['Reported', 'Supplemental Reported'] as const;
export type FileRelevance = (typeof FILE_RELEVANCES)[number];

/** What the reporter was doing when it captured an IP address or device id. */
export const CAPTURE_EVENT_NAMES = ['Login', 'Registration', 'Purchase', 'Upload', 'Other', 'Unknown'] as const;
export type CaptureEventName = (typeof CAPTURE_EVENT_NAMES)[number];

export const ADDRESS_TYPES = ['Home', 'Business', 'Billing', 'Shipping', 'Technical'] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];

export const EMAIL_TYPES = ['Home', 'Work', 'Business', 'Recovery'] as const;
export type EmailType = (typeof EMAIL_TYPES)[number];

export const PHONE_TYPES = ['Mobile', 'Home', 'Business', 'Work', 'Fax', 'Internet', 'Recovery'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

export const FILE_DETAILS_TYPES = ['EXIF', 'HASH'] as const;
export type FileDetailsType = (typeof FILE_DETAILS_TYPES)[number];

export interface Phone {
  value: string;
  type?: PhoneType;
  verified?: boolean;
  verificationDate?: string;
  countryCallingCode?: string;
  extension?: string;
}

export interface Email {
  value: string;
  type?: EmailType;
  verified?: boolean;
  verificationDate?: string;
}

export interface Address {
  type?: AddressType;
  address?: string;
  city?: string;
  zipCode?: string;
  /** A US state or territory. */
  state?: string;
  nonUsaState?: string;
  country?: string;
}

/** A person with the details pertinent for contact (reporter's contact, officer). */
export interface ContactPerson {
  firstName?: string;
  lastName?: string;
  phone: Phone[];
  email: Email[];
  address: Address[];
}

export interface Person extends ContactPerson {
  age?: number;
  /** `YYYY-MM-DD`. */
  dateOfBirth?: string;
}

export interface IncidentSummary {
  incidentType: NcmecIncidentType;
  /** The application where the reported content occurred. */
  platform?: string;
  /** Set when the reporter asks for urgent handling (e.g. a child at immediate risk): the reason. */
  escalateToHighPriority?: string;
  reportAnnotations: ReportAnnotation[];
  /** ISO 8601 date-time, as sent. */
  incidentDateTime: string;
  incidentDateTimeDescription?: string;
}

export interface WebPageIncident {
  url: string[];
  additionalInfo?: string;
  /** The content is hosted by another company; the reporter knows no more about it. */
  thirdPartyHostedContent?: boolean;
}

export interface EmailIncident {
  emailAddress: Email[];
  content?: string;
  additionalInfo?: string;
}

export interface NewsgroupIncident {
  name?: string;
  emailAddress: Email[];
  content?: string;
  additionalInfo?: string;
}

export interface ChatImIncident {
  chatClient?: string;
  chatRoomName?: string;
  content?: string;
  additionalInfo?: string;
}

export interface OnlineGamingIncident {
  gameName?: string;
  console?: string;
  content?: string;
  additionalInfo?: string;
}

export interface CellPhoneIncident {
  phoneNumber?: Phone;
  latitude?: number;
  longitude?: number;
  additionalInfo?: string;
}

export interface NonInternetIncident {
  locationName?: string;
  incidentAddress: Address[];
  additionalInfo?: string;
}

export interface Peer2peerIncident {
  client?: string;
  ipCaptureEvent: IpCaptureEvent[];
  fileNames?: string;
  additionalInfo?: string;
}

/** One `<internetDetails>`: exactly one of the incident kinds. */
export type InternetDetails =
  | { webPageIncident: WebPageIncident }
  | { emailIncident: EmailIncident }
  | { newsgroupIncident: NewsgroupIncident }
  | { chatImIncident: ChatImIncident }
  | { onlineGamingIncident: OnlineGamingIncident }
  | { cellPhoneIncident: CellPhoneIncident }
  | { nonInternetIncident: NonInternetIncident }
  | { peer2peerIncident: Peer2peerIncident };

export const INTERNET_DETAIL_KINDS = [
  'webPageIncident',
  'emailIncident',
  'newsgroupIncident',
  'chatImIncident',
  'onlineGamingIncident',
  'cellPhoneIncident',
  'nonInternetIncident',
  'peer2peerIncident',
] as const;

export interface LawEnforcement {
  agencyName: string;
  caseNumber?: string;
  officerContact?: ContactPerson;
  reportedToLe?: boolean;
  servedLegalProcessDomestic?: boolean;
  servedLegalProcessInternational?: { value: boolean; fleaCountry?: string };
}

export interface Reporter {
  reportingPerson: Person;
  contactPerson?: ContactPerson;
  /** Text the company includes in every report (legal process, retention, emergency numbers). */
  companyTemplate?: string;
  termsOfService?: string;
  legalURL?: string;
}

/** Where and when an IP address was captured. */
export interface IpCaptureEvent {
  ipAddress: string;
  eventName?: CaptureEventName;
  dateTime?: string;
  possibleProxy?: boolean;
  port?: number;
}

export interface DeviceId {
  /** IMEI, ICCID, SSID… */
  idType: string;
  idValue: string;
  eventName?: CaptureEventName;
  dateTime?: string;
}

export interface EstimatedLocation {
  city?: string;
  region?: string;
  countryCode?: string;
  verified?: boolean;
  timestamp?: string;
}

export interface AccountTemporarilyDisabled {
  value: boolean;
  disabledDate?: string;
  userNotified?: boolean;
  userNotifiedDate?: string;
  reenabledDate?: string;
}

export interface AccountPermanentlyDisabled {
  value: boolean;
  disabledDate?: string;
  userNotified?: boolean;
  userNotifiedDate?: string;
}

/** What the schema records alike for a reported user, an intended recipient and a victim. */
export interface OnlineAccount {
  /** The account's id in the reporter's system. */
  espIdentifier?: string;
  /** The reporter's product or service the account used. */
  espService?: string;
  compromisedAccount?: boolean;
  screenName?: string;
  displayName: string[];
  profileUrl: string[];
  profileBio?: string;
  ipCaptureEvent: IpCaptureEvent[];
  deviceId: DeviceId[];
  /** Earlier CyberTipline report numbers about this account. */
  priorCTReports: string[];
  accountTemporarilyDisabled?: AccountTemporarilyDisabled;
  accountPermanentlyDisabled?: AccountPermanentlyDisabled;
  estimatedLocation?: EstimatedLocation;
  additionalInfo?: string;
}

/** The suspect. */
export interface PersonOrUserReported extends OnlineAccount {
  personOrUserReportedPerson?: Person;
  vehicleDescription?: string;
  /** The user is on another company's service; the reporter knows no more. */
  thirdPartyUserReported?: boolean;
  /** Identifiers of an organised group the user is believed to be part of. */
  groupIdentifier?: string;
}

export interface IntendedRecipient extends OnlineAccount {
  intendedRecipientPerson?: Person;
  groupIdentifier?: string;
}

export interface Victim extends OnlineAccount {
  victimPerson?: Person;
  schoolName?: string;
}

export interface OriginalFileHash {
  /** MD5, SHA1, SHA256, PDQ… */
  hashType: string;
  value: string;
}

export interface FileMetadata {
  type?: FileDetailsType;
  nameValuePair: { name: string; value?: string }[];
}

export interface FileDetails {
  /** The CyberTipline report the file belongs to. */
  reportId?: string;
  fileId?: string;
  fileName?: string;
  originalFileName?: string;
  uploadedToEspTimestamp?: string;
  /** The URL where the file was. */
  locationOfFile?: string;
  fileViewedByEsp?: boolean;
  exifViewedByEsp?: boolean;
  publiclyAvailable?: boolean;
  /** "Reported" unless said otherwise. */
  fileRelevance?: FileRelevance;
  fileAnnotations: FileAnnotation[];
  industryClassification?: IndustryClassification;
  originalFileHash: OriginalFileHash[];
  /** The upload's IP address. */
  ipCaptureEvent?: IpCaptureEvent;
  deviceId: DeviceId[];
  details: FileMetadata[];
  additionalInfo: string[];
}

export interface CyberTipReport {
  /** Vigil envelope: the CyberTipline report number NCMEC assigned, when the report came through NCMEC. */
  ncmecReportId?: string;
  /** Vigil envelope: the reporting partner's own reference for the report. */
  partnerReference?: string;
  incidentSummary: IncidentSummary;
  internetDetails: InternetDetails[];
  lawEnforcement?: LawEnforcement;
  reporter: Reporter;
  personOrUserReported?: PersonOrUserReported;
  intendedRecipient: IntendedRecipient[];
  victim: Victim[];
  additionalInfo?: string;
  fileDetails: FileDetails[];
}

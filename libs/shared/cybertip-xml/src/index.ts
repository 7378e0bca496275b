export * from './cybertip-report';
export * from './cybertip-xml-error';
export { DEFAULT_XML_LIMITS, type XmlLimits } from './xml/safe-xml-document';
export * from './parse-cybertip-report';
export * from './render-cybertip-report';
export * from './to-vigil-intake';

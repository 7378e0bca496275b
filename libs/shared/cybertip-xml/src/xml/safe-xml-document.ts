/**
 * Turns untrusted XML text into a plain tree, refusing what could hurt us before any parser
 * sees it: documents over the size cap, DTD declarations (XXE, "billion laughs"), too many or too
 * deeply nested elements. Every failure is a CyberTipXmlError naming where it happened.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CyberTipXmlError } from '../cybertip-xml-error';

export interface XmlLimits {
  /** UTF-8 bytes. */
  maxBytes: number;
  maxElements: number;
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 5 * 1024 * 1024, maxElements: 50_000, maxDepth: 32 };

/** A parsed element: child elements are always arrays; attributes are `@_name`; text is `#text`. */
export type XmlNode = string | { [key: string]: XmlNode[] | string };

const ATTRIBUTE_PREFIX = '@_';

const parserFor = (maxDepth: number) =>
  new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    // Values stay text: the report reader knows which are numbers, booleans or dates.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // DTDs are refused before parsing, so only the predefined and numeric references remain.
    processEntities: true,
    htmlEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    removeNSPrefix: true,
    // Every element is an array, so one occurrence or many never changes the shape; the report
    // reader then enforces the schema's cardinality and can name an element repeated by mistake.
    isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
    maxNestedTags: maxDepth + 1,
  });

/** Parses `xml` into `{ rootName, root }`, or throws CyberTipXmlError. */
export function readSafeXmlDocument(xml: unknown, limits: XmlLimits = DEFAULT_XML_LIMITS): { rootName: string; root: XmlNode } {
  if (typeof xml !== 'string') throw new CyberTipXmlError('not-text', 'document', 'the CyberTipline report must be XML text');
  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new CyberTipXmlError('too-large', 'document', `the document is ${bytes} bytes; at most ${limits.maxBytes} are accepted`);
  }
  const markup = blankOutLiterals(xml);
  // The validator lets raw control characters through; a document holding one is not XML, and
  // would make every document rendered from it unreadable to the partners it is exported to.
  const illegal = NOT_AN_XML_CHARACTER.exec(xml);
  if (illegal) {
    const codePoint = `U+${(illegal[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    const path = openElementsAt(markup, illegal.index);
    throw new CyberTipXmlError('malformed', path.join('.') || 'document', `malformed XML at ${lineAndColumn(xml, illegal.index)}: character ${codePoint} is not allowed in XML`);
  }
  const declaration = /<!([A-Za-z]+)/.exec(markup);
  if (declaration) {
    throw new CyberTipXmlError(
      'forbidden-declaration',
      'document',
      `<!${declaration[1]}> declarations are refused (no DTD, entity or external reference is ever read), at ${lineAndColumn(xml, declaration.index)}`,
    );
  }
  checkElementCountAndDepth(markup, limits);

  const validity = XMLValidator.validate(xml);
  if (validity !== true) {
    const { msg, line, col } = validity.err;
    const offset = offsetOf(xml, line, col ?? 1);
    const path = openElementsAt(markup, offset);
    const where = col ? `line ${line}, column ${col}` : `line ${line}`;
    throw new CyberTipXmlError('malformed', path.length ? path.join('.') : 'document', `malformed XML at ${where}: ${msg}`);
  }

  let parsed: { [key: string]: XmlNode[] };
  try {
    parsed = parserFor(limits.maxDepth).parse(xml) as { [key: string]: XmlNode[] };
  } catch (error) {
    // The validator accepted it, so this is the parser's own guard (reserved names, depth).
    throw new CyberTipXmlError('malformed', 'document', `the XML could not be read: ${(error as Error).message}`);
  }
  const roots = Object.entries(parsed);
  const elementCount = roots.reduce((sum, [, nodes]) => sum + nodes.length, 0);
  if (elementCount !== 1) {
    const names = roots.map(([name]) => `<${name}>`).join(', ') || 'none';
    throw new CyberTipXmlError('wrong-root', 'document', `an XML document has exactly one root element; found ${elementCount} (${names})`);
  }
  const [rootName, [root]] = roots[0];
  return { rootName, root };
}

export function attributeKey(name: string): string {
  return ATTRIBUTE_PREFIX + name;
}

export function isAttributeKey(key: string): boolean {
  return key.startsWith(ATTRIBUTE_PREFIX);
}

/**
 * The text with comments, CDATA sections and processing instructions replaced by spaces (newlines
 * kept), so markup checks don't trip over text that merely looks like markup, and offsets and
 * line numbers stay those of the original.
 */
function blankOutLiterals(xml: string): string {
  return xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>/g, (literal) => literal.replace(/[^\n]/g, ' '));
}

/** Outside XML 1.0's Char production (lone surrogates included). */
const NOT_AN_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const TAG = /<(\/?)([A-Za-z_:][\w.:-]*)[^>]*?(\/?)>/g;

function checkElementCountAndDepth(markup: string, limits: XmlLimits): void {
  let elements = 0;
  const open: string[] = [];
  for (const match of markup.matchAll(TAG)) {
    const [, closing, name, selfClosing] = match;
    if (closing) {
      open.pop();
      continue;
    }
    elements += 1;
    if (elements > limits.maxElements) {
      throw new CyberTipXmlError('too-many-elements', open.join('.') || 'document', `more than ${limits.maxElements} elements; the document is refused`);
    }
    if (selfClosing) continue;
    open.push(name);
    if (open.length > limits.maxDepth) {
      throw new CyberTipXmlError('too-deep', open.join('.'), `elements nested more than ${limits.maxDepth} deep; the document is refused`);
    }
  }
}

/** The names of the elements open at `offset`, outermost first (for naming where XML broke). */
function openElementsAt(markup: string, offset: number): string[] {
  const open: string[] = [];
  for (const match of markup.slice(0, offset).matchAll(TAG)) {
    const [, closing, name, selfClosing] = match;
    if (closing) open.pop();
    else if (!selfClosing) open.push(name.replace(/^.*:/, ''));
  }
  return open;
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

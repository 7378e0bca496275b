/**
 * Reads one element of the parsed tree with the schema's cardinality (at most once, required,
 * repeated) and remembers what it read, so the elements and attributes nobody asked for can be
 * listed afterwards (they are kept in the original document, never silently dropped).
 */
import { CyberTipXmlError } from '../cybertip-xml-error';
import type { ValueParser } from './field-values';
import { attributeKey, isAttributeKey, type XmlNode } from './safe-xml-document';

const TEXT_KEY = '#text';

/** Shared by every reader of one document. */
export class ReadSession {
  private readonly readers: ElementReader[] = [];

  root(name: string, node: XmlNode): ElementReader {
    return this.track(new ElementReader(this, name, node));
  }

  track(reader: ElementReader): ElementReader {
    this.readers.push(reader);
    return reader;
  }

  /** Paths of the elements (`a.b`) and attributes (`a.b@c`) present but not read. */
  unmapped(ignoredAttributes: readonly string[] = []): string[] {
    return this.readers.flatMap((reader) => reader.unreadKeys(ignoredAttributes));
  }
}

export class ElementReader {
  private readonly read = new Set<string>();

  constructor(
    private readonly session: ReadSession,
    readonly path: string,
    private readonly node: XmlNode,
  ) {}

  /** A child element the schema allows at most once. */
  optional(name: string): ElementReader | undefined {
    const nodes = this.childNodes(name);
    if (nodes.length > 1) {
      throw new CyberTipXmlError('repeated', `${this.path}.${name}`, `appears ${nodes.length} times; the schema allows it once`);
    }
    return nodes.length ? this.session.track(new ElementReader(this.session, `${this.path}.${name}`, nodes[0])) : undefined;
  }

  required(name: string): ElementReader {
    const child = this.optional(name);
    if (!child) throw new CyberTipXmlError('missing', `${this.path}.${name}`, `is required in <${this.localName}>`);
    return child;
  }

  /** A repeatable child element, in document order. */
  all(name: string): ElementReader[] {
    return this.childNodes(name).map((node, index) => this.session.track(new ElementReader(this.session, `${this.path}.${name}[${index}]`, node)));
  }

  /** The names of the child elements present (not attributes or text). */
  childNames(): string[] {
    return typeof this.node === 'string' ? [] : Object.keys(this.node).filter((key) => key !== TEXT_KEY && !isAttributeKey(key));
  }

  /** The element's own text, trimmed ('' when empty); refuses an element that has child elements. */
  text(): string {
    if (typeof this.node === 'string') return this.node.trim();
    const children = this.childNames();
    if (children.length) {
      throw new CyberTipXmlError('unexpected-content', this.path, `holds elements (<${children[0]}>) where text is expected`);
    }
    this.read.add(TEXT_KEY);
    const text = this.node[TEXT_KEY];
    return typeof text === 'string' ? text.trim() : '';
  }

  /** The text of an optional child element, typed; an empty element counts as absent. */
  value<T>(name: string, parse: ValueParser<T>): T | undefined {
    const child = this.optional(name);
    const text = child?.text();
    return child && text ? parse(child.path, text) : undefined;
  }

  requiredValue<T>(name: string, parse: ValueParser<T>): T {
    const child = this.required(name);
    const text = child.text();
    if (!text) throw new CyberTipXmlError('missing', child.path, 'is empty; a value is required');
    return parse(child.path, text);
  }

  /** The non-empty texts of a repeatable child element, typed. */
  values<T>(name: string, parse: ValueParser<T>): T[] {
    return this.all(name).flatMap((child) => {
      const text = child.text();
      return text ? [parse(child.path, text)] : [];
    });
  }

  /** This element's own text, typed; throws when it is empty. */
  ownValue<T>(parse: ValueParser<T>): T {
    const text = this.text();
    if (!text) throw new CyberTipXmlError('missing', this.path, 'is empty; a value is required');
    return parse(this.path, text);
  }

  attribute<T>(name: string, parse: ValueParser<T>): T | undefined {
    if (typeof this.node === 'string') return undefined;
    const key = attributeKey(name);
    this.read.add(key);
    const raw = this.node[key];
    const text = typeof raw === 'string' ? raw.trim() : '';
    return text ? parse(`${this.path}@${name}`, text) : undefined;
  }

  requiredAttribute<T>(name: string, parse: ValueParser<T>): T {
    const value = this.attribute(name, parse);
    if (value === undefined) throw new CyberTipXmlError('missing', `${this.path}@${name}`, `the ${name} attribute is required`);
    return value;
  }

  unreadKeys(ignoredAttributes: readonly string[]): string[] {
    if (typeof this.node === 'string') return [];
    const unread: string[] = [];
    for (const key of Object.keys(this.node)) {
      if (this.read.has(key)) continue;
      if (key === TEXT_KEY) {
        const text = this.node[key];
        if (typeof text === 'string' && text.trim()) {
          throw new CyberTipXmlError('unexpected-content', this.path, 'holds text where only elements are expected');
        }
      } else if (isAttributeKey(key)) {
        const name = key.slice(attributeKey('').length);
        if (!ignoredAttributes.includes(name)) unread.push(`${this.path}@${name}`);
      } else {
        unread.push(`${this.path}.${key}`);
      }
    }
    return unread;
  }

  private get localName(): string {
    return this.path.replace(/\[\d+\]$/, '').replace(/^.*\./, '');
  }

  private childNodes(name: string): XmlNode[] {
    if (typeof this.node === 'string') return [];
    this.read.add(name);
    const nodes = this.node[name];
    return Array.isArray(nodes) ? nodes : [];
  }
}

/** One line of the ISP blocklist: a confirmed URL whose content is still online. */
export interface BlocklistEntry {
  url: string;
  host: string;
  firstReportedAt: string;
  classification?: string;
}

/**
 * The Cleanfeed-style plain list: one URL per line, sorted, no duplicates, with a comment
 * header ISPs' loaders skip. Only URLs a person or a known-hash match confirmed are listed
 * (an unverified public report never blocks anything), and removed ones drop off.
 */
export function blocklistText(entries: readonly BlocklistEntry[], generatedAt: Date): string {
  const urls = [...new Set(entries.map((entry) => entry.url))].sort();
  return [`# Vigil blocklist generated ${generatedAt.toISOString()}: ${urls.length} URLs still online`, ...urls].join('\n') + '\n';
}

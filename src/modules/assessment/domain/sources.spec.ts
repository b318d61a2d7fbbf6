import { SOURCES } from './sources.js';

/**
 * What shared/reference/ holds of EDPB Guidelines 01/2021: the paragraphs quoted or cited in
 * edpb-01-2021-examples.json (general principles and the Case 01 reasoning) and gdpr-rules.md,
 * and the six cases of edpb-01-2021-examples.json with their sections. Anything else cited
 * must be marked "(unverified)" in its own `;` segment (the reference files' rule).
 */
const VERIFIED_PARAS = new Set([5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 22, 24, 25]);
const VERIFIED_CASE_SECTIONS: ReadonlyMap<number, string> = new Map([
  [1, '2.1'],
  [8, '4.1'],
  [10, '5.1'],
  [11, '5.2'],
  [14, '6.2'],
  [17, '7.1'],
]);
const VERIFIED_SECTIONS = new Set(VERIFIED_CASE_SECTIONS.values());

function paragraphs(segment: string): number[] {
  const list = /paras?\.\s*([\d\s,–-]+(?:and\s+\d+)?)/.exec(segment)?.[1] ?? '';
  return list
    .split(/,|and/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .flatMap((part) => {
      const [from, to] = part.split(/[–-]/).map(Number) as [number, number | undefined];
      return to === undefined ? [from] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
    });
}

/** Each citation of EDPB 01/2021 that shared/reference/ does not hold, unless marked unverified. */
function unmarkedUnverified(source: string): string[] {
  return source
    .split(';')
    .filter((segment) => segment.includes('01/2021') && !segment.includes('(unverified)'))
    .flatMap((segment) => [
      ...paragraphs(segment)
        .filter((p) => !VERIFIED_PARAS.has(p))
        .map((p) => `para. ${p}`),
      ...[...segment.matchAll(/§(\d+(?:\.\d+)*)/g)].map((m) => m[1] ?? '').filter((s) => !VERIFIED_SECTIONS.has(s)).map((s) => `§${s}`),
      ...[...segment.matchAll(/Case (\d+)/g)].map((m) => Number(m[1])).filter((c) => !VERIFIED_CASE_SECTIONS.has(c)).map((c) => `Case ${c}`),
    ]);
}

describe('legal sources: EDPB 01/2021 citations are verified or marked unverified', () => {
  it.each(Object.entries(SOURCES))('%s', (_key, source) => {
    expect(unmarkedUnverified(source)).toEqual([]);
  });

  it.each<[string, string[]]>([
    ['EDPB Guidelines 01/2021 paras. 19-21 (Case 01)', ['para. 19']],
    ['EDPB Guidelines 01/2021 paras. 21, 23 (Case 01); ENISA 2013 Annex 3', ['para. 23']],
    ['EDPB Guidelines 01/2021 §4.2 (Case 09), §6.2 (Case 14)', ['§4.2', 'Case 9']],
    ['EDPB Guidelines 01/2021 para. 16; EDPB Guidelines 01/2021 para. 19 (unverified)', []],
    ['EDPB Guidelines 9/2022 para. 60', []],
  ])('the check itself: %s', (source, expected) => {
    expect(unmarkedUnverified(source)).toEqual(expected);
  });

  it('cites each verified case with its section from the reference file', () => {
    const cited = Object.values(SOURCES).flatMap((source) =>
      source
        .split(';')
        .filter((segment) => !segment.includes('(unverified)'))
        .flatMap((segment) => [...segment.matchAll(/§(\d+\.\d+) \(Case (\d+)/g)].map((m) => [m[1], Number(m[2])] as const)),
    );
    expect(cited.length).toBeGreaterThan(0);
    for (const [section, caseNumber] of cited) expect(VERIFIED_CASE_SECTIONS.get(caseNumber)).toBe(section);
  });
});

import { describe, expect, it } from 'vitest';
import { checkSourceDateEpoch, outputKind } from '../../src/cli/build.js';

describe('outputKind: --pdf, --to and the extension of -o together', () => {
  it.each([
    [{}, { to: 'docx', chosen: false }],
    [{ pdf: true }, { to: 'both', chosen: true }],
    [{ to: 'pdf' as const }, { to: 'pdf', chosen: true }],
    [{ output: 'x.pdf' }, { to: 'pdf', chosen: true }],
    [{ output: 'x.PDF' }, { to: 'pdf', chosen: true }],
    [{ output: 'x.pdf', pdf: true }, { to: 'both', chosen: true }],
    [{ output: 'x.pdf', to: 'both' as const }, { to: 'both', chosen: true }],
    [{ output: 'x.docx', pdf: true }, { to: 'both', chosen: true }],
    [{ pdf: true, to: 'both' }, { to: 'both', chosen: true }],
    [{ pdf: true, to: 'pdf' }, { to: 'pdf', chosen: true }],
    // An unknown kind is not a contradiction: it is reported as unknown further on.
    [{ pdf: true, to: 'word' }, { to: 'word', chosen: true }],
    [{ output: 'x.docx' }, { to: 'docx', chosen: true }],
    // An output folder says nothing about the kind: a config's `pdf` may still decide.
    [{ output: 'out/' }, { to: 'docx', chosen: false }],
    [{ output: 'out.pdf/' }, { to: 'docx', chosen: false }],
  ])('%j → %j', (flags, expected) => expect(outputKind(flags)).toEqual(expected));
  it.each([
    [{ pdf: true, to: 'docx' as const }, 'usage-pdf-and-docx'],
    [{ output: 'x.pdf', to: 'docx' as const }, 'usage-output-kind'],
    [{ output: 'x.docx', to: 'pdf' as const }, 'usage-output-kind'],
  ])('%j is a usage error', (flags, id) => expect(outputKind(flags)).toMatchObject({ error: id }));
});

describe('checkSourceDateEpoch', () => {
  it.each([undefined, '', '315532800', '1748908800', '253402300799'])('%j is usable', (v) => expect(checkSourceDateEpoch(v)).toBeUndefined());
  it.each(['x', '-1', '1.5', ' 1748908800', '315532799', '0', '253402300800', '1e10'])('%j is refused', (v) => expect(checkSourceDateEpoch(v)).toBe(v));
});

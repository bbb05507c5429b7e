// Moves data the first screen never reads from the first wasm part into the deferred
// one (web/tools/split-wasm.mjs calls it after Binaryen's wasm-split).
//
// wasm-split moves functions only: every byte of the app's constant data stays in the
// first part's data section. But both parts share one memory, and instantiating the
// deferred part (web/js/loader.js does it when it arrives, or when the app first calls
// one of its functions) writes its own data segments into that memory. So data that
// only code of the deferred part reads can travel with it, at the same addresses:
// before any code that reads it runs, it is there.
//
// Two kinds are moved:
// - the frozen share-link baselines (one JSON document per link version, 15 to 18 KB
//   each), read from their sources (core/share_link.cpp for version 1,
//   core/share_baseline_v*.cpp for the rest: each a run of raw string literals
//   `R"b(...)b"`), so a new link version needs no change here. Only the code that reads
//   or writes a link uses them, and no link is read or written by the first screen.
//   Each is found by content; its last TAIL_KEPT bytes stay, because the linker may
//   share a short literal that is the tail of a longer one (string tail merging);
// - any other text that no code or data of the first part points into (see
//   unreferencedTextRanges): labels, messages and notes of the other screens, the JSON
//   reader's error messages.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const TAIL_KEPT = 64;
const SECTION = { dataCount: 12, data: 11 };

// --- the share-link baselines, as the compiler stores them -------------------------

// The runs of adjacent `R"b(...)b"` literals of a C++ source, each joined into one text.
function rawLiteralRuns(source) {
  const runs = [];
  const literal = /R"b\(([\s\S]*?)\)b"/g;
  let run = null, end = -1, match;
  while ((match = literal.exec(source)) !== null) {
    const adjacent = run !== null && /^\s*$/.test(source.slice(end, match.index));
    if (!adjacent) runs.push(run = []);
    run.push(match[1]);
    end = literal.lastIndex;
  }
  return runs.map((parts) => Buffer.from(parts.join(''), 'utf8'));
}

export async function shareBaselines(coreDir) {
  const files = (await readdir(coreDir)).filter((name) => /^share_baseline_v\d+\.cpp$/.test(name));
  const texts = [];
  for (const name of ['share_link.cpp', ...files]) {
    texts.push(...rawLiteralRuns(await readFile(join(coreDir, name), 'utf8')));
  }
  return texts.filter((text) => text.length > TAIL_KEPT * 4);
}

// --- reading and writing a wasm module's sections ----------------------------------

function readLeb(bytes, at) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return { value, at };
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

// A non-negative number as a signed LEB128 (the encoding of i32.const): one more byte
// than unsigned when the last byte's sign bit would be set.
function slebPositive(value) {
  const out = [...leb(value)];
  if (out[out.length - 1] & 0x40) {
    out[out.length - 1] |= 0x80;
    out.push(0);
  }
  return Buffer.from(out);
}

function sections(module) {
  const list = [];
  for (let at = 8; at < module.length;) {
    const id = module[at];
    const size = readLeb(module, at + 1);
    list.push({ id, body: module.subarray(size.at, size.at + size.value) });
    at = size.at + size.value;
  }
  return list;
}

function assemble(header, list) {
  return Buffer.concat([header, ...list.flatMap(({ id, body }) => [Buffer.from([id]), leb(body.length), body])]);
}

// Active segments of memory 0 at a constant address (what wasm-ld writes); any other
// kind is kept as raw bytes and never touched.
function readSegments(body) {
  const count = readLeb(body, 0);
  const segments = [];
  let at = count.at;
  for (let i = 0; i < count.value; i++) {
    const start = at;
    const flags = readLeb(body, at);
    if (flags.value === 0 && body[flags.at] === 0x41) {  // i32.const <address> end
      const address = readLeb(body, flags.at + 1);  // a signed LEB; below 2^31 it reads the same
      if (body[address.at] !== 0x0b) throw new Error('unexpected data segment offset');
      const size = readLeb(body, address.at + 1);
      segments.push({ address: address.value, bytes: body.subarray(size.at, size.at + size.value) });
      at = size.at + size.value;
    } else {
      // Passive or another memory: skip over it (flags, [memory], [offset], bytes).
      let next = flags.at;
      if (flags.value === 2) next = readLeb(body, next).at;
      if (flags.value !== 1) {
        while (body[next] !== 0x0b) next++;  // a constant expression
        next++;
      }
      const size = readLeb(body, next);
      at = size.at + size.value;
      segments.push({ raw: body.subarray(start, at) });
    }
  }
  return segments;
}

function writeSegments(segments) {
  return Buffer.concat([leb(segments.length), ...segments.map((segment) => segment.raw ??
    Buffer.concat([Buffer.from([0, 0x41]), slebPositive(segment.address), Buffer.from([0x0b]),
      leb(segment.bytes.length), segment.bytes]))]);
}

// Replaces (or adds, in the standard order) the data section and keeps the data count
// section, where there is one, equal to it.
function withSegments(module, segments) {
  const list = sections(module).filter(({ id }) => id !== SECTION.data);
  const body = writeSegments(segments);
  const count = list.find(({ id }) => id === SECTION.dataCount);
  if (count) count.body = leb(segments.length);
  // The data section comes after the code section (10) and before custom sections.
  const code = list.findIndex(({ id }) => id === 10);
  list.splice(code >= 0 ? code + 1 : list.length, 0, { id: SECTION.data, body });
  return assemble(module.subarray(0, 8), list);
}

// --- which bytes -------------------------------------------------------------------

function activeSegments(module) {
  const data = sections(module).find(({ id }) => id === SECTION.data);
  return data ? readSegments(data.body) : [];
}

// Where each baseline text lies in the first part's data, without its last TAIL_KEPT bytes.
export function baselineRanges(primary, texts) {
  const ranges = [];
  for (const text of texts) {
    for (const segment of activeSegments(primary)) {
      const at = segment.bytes?.indexOf(text) ?? -1;
      if (at >= 0) {
        ranges.push({ address: segment.address + at, length: text.length - TAIL_KEPT });
        break;
      }
    }
  }
  return ranges;
}

// Texts (printable, NUL-terminated, at least MIN_TEXT bytes) that no code of the first
// part can reach without the deferred part: no constant of the first part's code (an
// i32.const or a load or store offset, from Binaryen's wasm-dis text `wat`) lies in the
// text or up to NEAR bytes before it, and no aligned word of the data points into it
// (tables of texts, such as the formulas and their sources, stay). Whatever address
// such a text has must then come from code of the deferred part, which is linked, its
// data written, before that code runs.
const MIN_TEXT = 24;
const NEAR = 16;
export function unreferencedTextRanges(primary, wat) {
  const constants = new Set();
  for (const match of wat.matchAll(/i32\.const (-?\d+)|offset=(\d+)/g)) {
    const value = Number(match[1] ?? match[2]);
    if (value > 0) constants.add(value);
  }
  const segments = activeSegments(primary).filter((segment) => segment.bytes);
  for (const segment of segments) {
    for (let at = (4 - (segment.address % 4)) % 4; at + 4 <= segment.bytes.length; at += 4) {
      constants.add(segment.bytes.readUInt32LE(at));
    }
  }
  const sorted = [...constants].sort((a, b) => a - b);
  const anyWithin = (low, high) => {
    let a = 0, b = sorted.length;
    while (a < b) {
      const middle = (a + b) >> 1;
      if (sorted[middle] < low) a = middle + 1; else b = middle;
    }
    return a < sorted.length && sorted[a] <= high;
  };
  const ranges = [];
  for (const { address, bytes } of segments) {
    for (let start = 0, end; start < bytes.length; start = end + 1) {
      end = bytes.indexOf(0, start);
      if (end < 0) break;
      const text = bytes.subarray(start, end);
      if (text.length < MIN_TEXT || !/^[\t\n\x20-\x7e\x80-\xff]+$/.test(text.toString('latin1'))) continue;
      if (!anyWithin(address + start - NEAR, address + end)) ranges.push({ address: address + start, length: text.length });
    }
  }
  return ranges;
}

// --- the move ---------------------------------------------------------------------

// Takes each range out of `primary`'s active data segments and gives it to `deferred`
// as a segment at the same address. Returns both modules and the bytes moved; a range
// not inside one segment (or overlapping one already moved) is left where it is.
export function moveRanges(primary, deferred, ranges) {
  const kept = activeSegments(primary);
  const added = [];  // new pieces go last, so the indices of the others do not change
  const later = activeSegments(deferred);
  let moved = 0;
  for (const { address, length } of ranges) {
    const segment = [...kept, ...added].find((s) => s.bytes && s.address <= address &&
      address + length <= s.address + s.bytes.length);
    if (!segment) continue;
    const at = address - segment.address;
    later.push({ address, bytes: segment.bytes.subarray(at, at + length) });
    added.push({ address: address + length, bytes: segment.bytes.subarray(at + length) });
    segment.bytes = segment.bytes.subarray(0, at);
    moved += length;
  }
  if (moved === 0) return { primary, deferred, moved };
  return {
    primary: withSegments(primary, [...kept, ...added]),
    deferred: withSegments(deferred, later),
    moved,
  };
}

// Moves data the first screen never reads from the first wasm part into the deferred
// one (web/tools/split-wasm.mjs calls it after Binaryen's wasm-split).
//
// wasm-split moves functions only: every byte of the app's constant data stays in the
// first part's data section, including the frozen share-link baselines (one JSON
// document per link version, 15 to 18 KB each), which only the code that reads or
// writes a link uses. That code is never in the startup profile, so it lives in the
// deferred part, and calling it is what links the deferred part (web/js/loader.js).
// So the baselines' bytes can travel in the deferred part as active data segments:
// both parts share one memory, and instantiating the deferred part writes them to the
// same addresses before any code that reads them runs.
//
// Which bytes: every frozen baseline, read from its source (core/share_link.cpp for
// version 1, core/share_baseline_v*.cpp for the rest: each is a run of raw string
// literals `R"b(...)b"`), so a new link version needs no change here. Each is found by
// content in the first part's data; the last TAIL_KEPT bytes of each stay where they
// are, because the linker may share a short literal that is the tail of a longer one
// (string tail merging) and the first screen may read such a short one.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

const TAIL_KEPT = 64;
const SECTION = { dataCount: 12, data: 11 };

// --- the share-link baselines, as the compiler stores them -------------------------

// The runs of adjacent `R"b(...)b"` literals of a C++ source, each joined into one text.
export function rawLiteralRuns(source) {
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

// --- the move ---------------------------------------------------------------------

// Takes each text out of `primary`'s active data segments and gives it to `deferred`
// as a segment at the same address. Returns both modules and the bytes moved; a text
// not found (already gone, or stored differently) is left out of the count.
export function moveTexts(primary, deferred, texts) {
  const dataOf = (module) => sections(module).find(({ id }) => id === SECTION.data);
  const primaryData = dataOf(primary);
  if (!primaryData) return { primary, deferred, moved: 0 };
  const kept = readSegments(primaryData.body);
  const added = [];  // new pieces go last, so the indices of the others do not change
  const later = dataOf(deferred) ? readSegments(dataOf(deferred).body) : [];
  let moved = 0;
  for (const text of texts) {
    const length = text.length - TAIL_KEPT;
    for (const segment of [...kept, ...added]) {
      if (!segment.bytes) continue;
      const at = segment.bytes.indexOf(text);
      if (at < 0) continue;
      const after = segment.bytes.subarray(at + length);
      later.push({ address: segment.address + at, bytes: segment.bytes.subarray(at, at + length) });
      added.push({ address: segment.address + at + length, bytes: after });
      segment.bytes = segment.bytes.subarray(0, at);
      moved += length;
      break;
    }
  }
  if (moved === 0) return { primary, deferred, moved };
  return {
    primary: withSegments(primary, [...kept, ...added]),
    deferred: withSegments(deferred, later),
    moved,
  };
}

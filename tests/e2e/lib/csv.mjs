// A CSV file's own cells (quotes, doubled quotes, CRLF records), as the app's CSV
// writer (core/csv.hpp) writes them: for checking what a download holds.
export function csvCells(text) {
  const rows = [[]];
  let cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows.at(-1).push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { rows.at(-1).push(cell); cell = ''; rows.push([]); i++; }
    else cell += c;
  }
  if (rows.at(-1).length === 0 && cell === '') rows.pop();
  return rows;
}

// Linked into the JavaScript API module (--post-js, web/api.cmake). The C++ side
// (web/bindings.cpp) asks for each argument's JSON text here, so a value JSON cannot
// hold becomes an `invalid` error envelope instead of an exception thrown through wasm.
// Returns the text; undefined when JSON has no form for the value (undefined, a
// function); false when it cannot be serialized (a circular object, a BigInt).
//
// Columns (docs/api.md): a typed array is not written out as text, nor is a list of
// texts beside one in an object (a columns object: {name: [...], followers: typed}).
// Each is appended to `columns` and stands in the text as {"__microreachColumn": k}
// (core::schema::column_marker); C++ copies it into wasm memory in one step
// (web/bindings.cpp): a list of texts as {text: joined, ends: UTF-16 units}.
const microreachColumnMarker = '__microreachColumn';
const microreachFlagsMarker = '__microreachFlags'; // true/false as 1/0

// Whether a typed array sits in the objects of `value` (lists are not searched: columns
// are fields of objects), so plain values skip the replacer's cost.
function microreachHasColumns(value, depth) {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || depth > 8) {
    return false;
  }
  if (ArrayBuffer.isView(value)) {
    return true;
  }
  for (const key in value) {
    if (microreachHasColumns(value[key], depth + 1)) {
      return true;
    }
  }
  return false;
}

function microreachIsColumn(value) {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) &&
    !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);
}

// A list of texts as one piece: the entries joined, and where each ends (in UTF-16
// units, a running sum of their lengths); null when an entry is not text.
function microreachTextColumn(list) {
  const ends = new Uint32Array(list.length);
  let end = 0;
  for (let k = 0; k < list.length; ++k) {
    if (typeof list[k] !== 'string') {
      return null;
    }
    end += list[k].length;
    ends[k] = end;
  }
  return { text: list.join(''), ends };
}

Module['microreachJson'] = function (value, columns) {
  try {
    if (microreachIsColumn(value)) {
      value = Array.from(value); // a whole argument: a plain list, as JSON would see it
    }
    if (!microreachHasColumns(value, 0)) {
      return JSON.stringify(value);
    }
    const holdsColumns = new Map(); // object -> whether a member is a typed array
    return JSON.stringify(value, function (key, item) {
      let column = microreachIsColumn(item) ? item : null;
      if (column === null && Array.isArray(item) && item.length > 0 && !Array.isArray(this)) {
        if (!holdsColumns.has(this)) {
          holdsColumns.set(this, Object.values(this).some(microreachIsColumn));
        }
        column = holdsColumns.get(this) ? microreachTextColumn(item) : null;
      }
      if (column === null) {
        return item;
      }
      columns.push(column);
      return { [microreachColumnMarker]: columns.length - 1 };
    });
  } catch (error) {
    return false;
  }
};

// The envelope's text with its columns put back in place, as Float64Arrays. Objects
// and lists of objects are searched, as the writer placed them (a JSON.parse reviver
// would visit every value).
function microreachPlaceColumns(value, columns) {
  for (const key in value) {
    const item = value[key];
    if (item === null || typeof item !== 'object' ||
        (Array.isArray(item) && (typeof item[0] !== 'object' || item[0] === null))) {
      continue;
    }
    if (typeof item[microreachColumnMarker] === 'number') {
      value[key] = columns[item[microreachColumnMarker]];
    } else if (typeof item[microreachFlagsMarker] === 'number') {
      const column = columns[item[microreachFlagsMarker]];
      const flags = new Array(column.length); // a loop: Array.from with a map is slower
      for (let k = 0; k < column.length; ++k) {
        flags[k] = column[k] !== 0;
      }
      value[key] = flags;
    } else {
      microreachPlaceColumns(item, columns);
    }
  }
}

// `numbers` and `starts` view wasm memory (core::schema::NumberColumns): one copy of
// the numbers, then column k is a view of it from starts[k] to starts[k + 1].
Module['microreachParse'] = function (text, numbers, starts) {
  // new + set copies in one step; slice() took 25 times as long in node 20.
  const all = new Float64Array(numbers.length);
  all.set(numbers);
  const columns = [];
  for (let k = 0; k + 1 < starts.length; ++k) {
    columns.push(all.subarray(starts[k], starts[k + 1]));
  }
  const value = JSON.parse(text);
  microreachPlaceColumns(value, columns);
  return value;
};

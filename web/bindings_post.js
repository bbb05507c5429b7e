// Linked into the JavaScript API module (--post-js, web/api.cmake). The C++ side
// (web/bindings.cpp) asks for each argument's JSON text here, so a value JSON cannot
// hold becomes an `invalid` error envelope instead of an exception thrown through wasm.
// Returns the text; undefined when JSON has no form for the value (undefined, a
// function); false when it cannot be serialized (a circular object, a BigInt).
//
// Columns (docs/api.md): a typed array is not written out as text. It is appended to
// `columns` and stands in the text as {"__microreachColumn": k} (api::column_marker);
// C++ copies it into wasm memory in one step.
const microreachColumnMarker = '__microreachColumn';

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

Module['microreachJson'] = function (value, columns) {
  try {
    if (!microreachHasColumns(value, 0)) {
      return JSON.stringify(value);
    }
    return JSON.stringify(value, (key, item) => {
      if (!microreachIsColumn(item)) {
        return item;
      }
      columns.push(item);
      return { [microreachColumnMarker]: columns.length - 1 };
    });
  } catch (error) {
    return false;
  }
};

// The envelope's text with its columns put back in place, as Float64Arrays. Objects
// and lists of objects are searched, as api::call placed them (a JSON.parse reviver
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
    } else {
      microreachPlaceColumns(item, columns);
    }
  }
}

Module['microreachParse'] = function (text, columns) {
  const value = JSON.parse(text);
  microreachPlaceColumns(value, columns);
  return value;
};

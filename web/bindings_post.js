// Linked into the JavaScript API module (--post-js, web/api.cmake). The C++ side
// (web/bindings.cpp) asks for each argument's JSON text here, so a value JSON cannot
// hold becomes an `invalid` error envelope instead of an exception thrown through wasm.
// Returns the text; undefined when JSON has no form for the value (undefined, a
// function); false when it cannot be serialized (a circular object, a BigInt).
Module['microreachJson'] = function (value) {
  try {
    return JSON.stringify(value);
  } catch (error) {
    return false;
  }
};

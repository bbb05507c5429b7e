# Turns a binary file into a C++ source defining
#   extern const unsigned char SYMBOL[]; extern const unsigned int SYMBOL_size;
# Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -DSYMBOL=name -P embed_binary.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by cmake/scripts/embed_binary.cmake. Do not edit.\n"
    "extern const unsigned char ${SYMBOL}[];\nextern const unsigned int ${SYMBOL}_size;\n"
    "alignas(4) const unsigned char ${SYMBOL}[] = {\n${bytes}\n};\n"
    "const unsigned int ${SYMBOL}_size = ${byte_count};\n")

#!/bin/sh
# embed.sh NAME FILE — writes a C file defining `const char NAME[]` with FILE's bytes,
# so stdlib code written in mlm is compiled into the binary (it then runs from any directory).
name=$1; file=$2
printf '/* generated from %s by tools/embed.sh; do not edit */\n' "$file"
printf 'const char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'
printf '0x00 };\n'

/*
 * EVA harness for the script compiler and checker (runtime/core/dp_script_parse.c,
 * dp_script_emit.c, dp_script_words.c, dp_script_check.c with the generated lexer, parser
 * and tables). The file is one of script_text.h's texts with 0 .. EVA_N arbitrary
 * bytes; it is pushed in two pieces, the cut anywhere among those bytes (so that a line is
 * assembled across pushes), then finished, then checked under every profile.
 */
#include "__fc_builtin.h"
#include "dp_script.h"
#include "profiles.h"
#include "script_text.h"

int main(void)
{
    uint32_t n = (uint32_t)Frama_C_interval_split(0, EVA_N);
    uint32_t len = text_make(Frama_C_interval_split(0, TEXT_KINDS - 1), n);
    uint32_t cut = text_head + (uint32_t)Frama_C_interval_split(0, (int)n);
    int prof;

    if (cut > len)
        cut = len;   /* the empty text of a type with no parameter */
    text_compiler_init();
    dp_script_parser_init(&p, &prog, &sink);
    dp_script_push(&p, text, cut);
    dp_script_push(&p, text + cut, len - cut);
    dp_script_finish(&p);
    prof = Frama_C_interval_split(0, (int)DP_PROFILE_COUNT - 1);
    dp_script_check(&prog, prof, &sink);
    return (int)prog.n;
}
